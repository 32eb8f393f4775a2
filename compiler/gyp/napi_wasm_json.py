# A gyp generator that writes gyp's fully evaluated targets as JSON.
#
# gyp (the copy bundled with node-gyp) does all the work: variables, conditions,
# <!() command expansions, .gypi includes, dependencies and their
# direct_dependent_settings, and per-configuration merging. This file only
# serialises the result, so our view of a binding.gyp is exactly gyp's.
#
# Usage: run_gyp.py <gyp dir> ... -f napi_wasm_json -G napi_wasm_output=<out.json>

import json
import os

import gyp.common

# Values for the generator variables that make-style generators would define.
# They only matter to gyp files that mention them (actions, copies, rules).
generator_default_variables = {
    "EXECUTABLE_PREFIX": "",
    "EXECUTABLE_SUFFIX": "",
    "STATIC_LIB_PREFIX": "lib",
    "STATIC_LIB_SUFFIX": ".a",
    "SHARED_LIB_PREFIX": "lib",
    "SHARED_LIB_SUFFIX": ".wasm",
    "SHARED_LIB_DIR": "<(PRODUCT_DIR)/lib",
    "LIB_DIR": "<(PRODUCT_DIR)/obj",
    "INTERMEDIATE_DIR": "<(PRODUCT_DIR)/obj/gen",
    "SHARED_INTERMEDIATE_DIR": "<(PRODUCT_DIR)/gen",
    "PRODUCT_DIR": "<(napi_wasm_product_dir)",
    "CONFIGURATION_NAME": "<(napi_wasm_configuration)",
    "RULE_INPUT_ROOT": "%(INPUT_ROOT)s",
    "RULE_INPUT_DIRNAME": "%(INPUT_DIRNAME)s",
    "RULE_INPUT_EXT": "%(INPUT_EXT)s",
    "RULE_INPUT_NAME": "%(INPUT_NAME)s",
    "RULE_INPUT_PATH": "%(INPUT_PATH)s",
}

generator_supports_multiple_toolsets = False


def GenerateOutput(target_list, target_dicts, data, params):
    targets = []
    for qualified in target_list:
        gyp_file, name, toolset = gyp.common.ParseQualifiedTarget(qualified)
        spec = target_dicts[qualified]
        targets.append(
            {
                "qualifiedName": qualified,
                "gypFile": os.path.abspath(gyp_file),
                "name": name,
                "toolset": toolset,
                "spec": spec,
            }
        )
    out_path = params["generator_flags"]["napi_wasm_output"]
    with open(out_path, "w") as out:
        json.dump({"buildFiles": [os.path.abspath(f) for f in params["build_files"]],
                   "targets": targets}, out, default=str, indent=1)

# Runs node-gyp's gyp with our JSON generator registered under a plain name.
# gyp reads "-f a-b" as format "a", flavour "b", so a generator given as a
# file path breaks on any hyphen in it (".../napi-wasm-build/...").
#
# Usage: run_gyp.py <node-gyp's gyp folder> <gyp arguments...> -f napi_wasm_json
import os
import sys

gyp_dir = sys.argv[1]
sys.path.insert(0, os.path.join(gyp_dir, "pylib"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import gyp  # noqa: E402
import gyp.generator  # noqa: E402
import napi_wasm_json  # noqa: E402

sys.modules["gyp.generator.napi_wasm_json"] = napi_wasm_json
sys.argv = [sys.argv[0]] + sys.argv[2:]
sys.exit(gyp.script_main())

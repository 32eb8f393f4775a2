// napi_module_register: an addon that registers its initializer from a static
// constructor (the pre-NAPI_MODULE_INIT way) and exports no
// napi_register_wasm_v1. The napi-wasm link requires that export, so this
// module is linked here by hand.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverToolchain } from '../../compiler/index.js';
import { allowedUndefinedSymbols } from '../../compiler/napi-symbols.js';
import { nodeApiHeadersDir } from '../../compiler/paths.js';
import { loadAddonSync } from '../../runtime/index.js';
import { freshDir } from '../helpers/paths.js';

const SOURCE = `
#include <node_api.h>
static napi_value Init(napi_env env, napi_value exports) {
  napi_value v;
  napi_create_int32(env, 7, &v);
  napi_set_named_property(env, exports, "seven", v);
  return exports;
}
static napi_module legacy = {1, 0, "legacy.c", Init, "legacy", 0, {0}};
__attribute__((constructor)) static void register_legacy(void) { napi_module_register(&legacy); }
`;

describe('napi_module_register', () => {
  it('a module without napi_register_wasm_v1 is initialized by what its constructor registered', async () => {
    const dir = freshDir('module-register');
    try {
      const toolchain = await discoverToolchain({});
      const [source, allow, wasm] = ['legacy.c', 'allow.txt', 'legacy.wasm'].map((f) => path.join(dir, f));
      fs.writeFileSync(source, SOURCE);
      fs.writeFileSync(allow, allowedUndefinedSymbols());
      const args = [
        `--target=${toolchain.targetTriple}`,
        ...(toolchain.sysroot ? [`--sysroot=${toolchain.sysroot}`] : []),
        '-mexec-model=reactor',
        '-O2',
        `-I${nodeApiHeadersDir}`,
        source,
        '-o',
        wasm,
        '-Wl,--export=malloc',
        '-Wl,--export=free',
        '-Wl,--export-table',
        `-Wl,--allow-undefined-file=${allow}`,
      ];
      const r = await toolchain.run({ driver: 'clang', args, inputs: [source, allow, nodeApiHeadersDir], outputs: [wasm] });
      expect(r.ok, r.stderr).toBe(true);
      const module = new WebAssembly.Module(fs.readFileSync(wasm));
      expect(WebAssembly.Module.exports(module).map((e) => e.name)).not.toContain('napi_register_wasm_v1');
      expect(loadAddonSync(module, { name: 'legacy' })).toEqual({ seven: 7 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Column 2: the addon on emnapi — the `emnapi` package's headers and its
// wasm32-wasi libemnapi.a, linked with the same clang as napi-wasm and the
// flags from emnapi's README ("clang wasm32-wasi"), plus --strip-debug as
// emnapi's own common.gypi does for Release builds. Loaded with @emnapi/core
// and @emnapi/runtime, with node:wasi for the WASI reactor start-up.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CLANG, cacheDir, hashInputs, log, pruneSiblings, run } from './common.mjs';

const require = createRequire(import.meta.url);
const emnapiDir = path.dirname(require.resolve('emnapi/package.json'));
export const emnapiVersion = require('emnapi/package.json').version;

/** The C sources of each addon (what its binding.gyp lists). */
const SOURCES = {
  bench: ['bench.c'],
  bufferutil: ['src/bufferutil.c'],
  hello: ['hello.c'],
  'hello-minimal': ['hello.c'],
};

/** Addons this column cannot build, and why (shown in the table). */
const NOT_BUILT = {
  keccak:
    'not built: its addon is C++ with exceptions (node-addon-api), and the wasm32 libc++abi on this machine has no exception support',
};

export const EMNAPI_FLAGS = [
  '-O3',
  '--target=wasm32-wasi',
  '-DBUILDING_NODE_EXTENSION',
  `-I${path.join(emnapiDir, 'include', 'node')}`,
  `-L${path.join(emnapiDir, 'lib', 'wasm32-wasi')}`,
  '-mexec-model=reactor',
  '-Wl,--initial-memory=16777216',
  '-Wl,--export-dynamic',
  '-Wl,--export=malloc',
  '-Wl,--export=free',
  '-Wl,--export=napi_register_wasm_v1',
  '-Wl,--export-if-defined=node_api_module_get_api_version_v1',
  '-Wl,--import-undefined',
  '-Wl,--export-table',
  '-Wl,--strip-debug',
];

/** @returns {{ wasmFile: string, loaderFile: string }} */
export function buildEmnapi(name, { dir, target }) {
  if (NOT_BUILT[name]) throw new Error(NOT_BUILT[name]);
  const sources = SOURCES[name].map((s) => path.join(dir, s));
  const key = hashInputs(sources, CLANG, emnapiVersion, EMNAPI_FLAGS.join(' '), 'emnapi-v1');
  const outDir = path.join(cacheDir, 'emnapi', `${name}-${key}`);
  const wasmFile = path.join(outDir, `${target}.wasm`);
  const loaderFile = path.join(outDir, `${target}.cjs`);
  if (!fs.existsSync(wasmFile)) {
    log(`emnapi: ${CLANG} ${name}`);
    pruneSiblings(outDir);
    fs.mkdirSync(outDir, { recursive: true });
    const tmp = `${wasmFile}.tmp`;
    try {
      run(CLANG, [...EMNAPI_FLAGS, `-DNODE_GYP_MODULE_NAME=${target}`, '-o', tmp, ...sources, '-lemnapi']);
    } catch (err) {
      throw new Error(`emnapi build failed for ${name}:\n${err.stderr ?? err.message}`);
    }
    fs.renameSync(tmp, wasmFile);
  }
  // A CommonJS loader like napi-wasm's, for the start-up measurement.
  fs.writeFileSync(
    loaderFile,
    `'use strict';
const { readFileSync } = require('node:fs');
const { WASI } = require('node:wasi');
const { instantiateNapiModuleSync } = require(${JSON.stringify(require.resolve('@emnapi/core'))});
const { getDefaultContext } = require(${JSON.stringify(require.resolve('@emnapi/runtime'))});
const { napiModule } = instantiateNapiModuleSync(readFileSync(${JSON.stringify(wasmFile)}), {
  context: getDefaultContext(),
  wasi: new WASI({ version: 'preview1' }),
});
module.exports = napiModule.exports;
`,
  );
  return { wasmFile, loaderFile };
}

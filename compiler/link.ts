// Stage 4: link an addon's objects into a wasm32-wasi reactor module with the
// standard Wasm Node-API ABI: napi_* imported from module "napi", and
// memory, the function table, malloc, free and napi_register_wasm_v1 exported.
import fs from 'node:fs';
import path from 'node:path';
import { NapiWasmError } from './errors.js';
import type { Logger } from './log.js';
import type { AddonPlan } from './plan.js';
import type { Toolchain } from './toolchain/types.js';
import { allowedUndefinedSymbols } from './napi-symbols.js';
import { wasmExceptionFlags } from './shims.js';

/** 1 MiB, like a native thread's stack is at least; wasm-ld's default is 64 KiB. */
export const STACK_SIZE = 1024 * 1024;

export const REQUIRED_EXPORTS = ['malloc', 'free', 'napi_register_wasm_v1'];
export const OPTIONAL_EXPORTS = ['node_api_module_get_api_version_v1'];
// The memory layout, so the runtime's scan for pointers into addon-made
// buffers can skip the stack (docs/memory-model.md).
export const LAYOUT_EXPORTS = ['__data_end', '__heap_base'];

/** Links into `outFile` (a scratch path; the caller moves it into place). `shims` come from shims.ts. */
export async function linkAddon(addon: AddonPlan, shims: { objects: string[]; linkFlags: string[] }, outFile: string, toolchain: Toolchain, debug: boolean, packageName: string, log: Logger): Promise<void> {
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  // The addon's objects first, then the shims: objects always load, so shim
  // definitions win over same-named members of the toolchain's archives.
  const objects = [...addon.units.map((u) => u.object), ...shims.objects];
  // Only Node-API functions may stay undefined (they become imports from "napi");
  // anything else missing, such as an unsupported uv_* call, is a link error.
  const allowFile = path.join(path.dirname(outFile), 'napi-imports.txt');
  fs.writeFileSync(allowFile, allowedUndefinedSymbols());
  const args = [
    `--target=${toolchain.targetTriple}`,
    ...(toolchain.sysroot ? [`--sysroot=${toolchain.sysroot}`] : []),
    '-mexec-model=reactor',
    ...(addon.cxxExceptions ? wasmExceptionFlags(toolchain) : []),
    ...objects,
    '-o', outFile,
    ...addon.libraries,
    ...REQUIRED_EXPORTS.map((e) => `-Wl,--export=${e}`),
    ...OPTIONAL_EXPORTS.map((e) => `-Wl,--export-if-defined=${e}`),
    ...LAYOUT_EXPORTS.map((e) => `-Wl,--export=${e}`),
    `-Wl,--allow-undefined-file=${allowFile}`,
    ...shims.linkFlags,
    '-Wl,--export-table',
    `-Wl,-z,stack-size=${STACK_SIZE}`,
    ...(debug ? [] : ['-Wl,--strip-all']),
  ];
  log.info(`link ${path.basename(addon.wasmFile)}`);
  log.verbose(`${addon.usesCxx ? 'clang++' : 'clang'} ${args.join(' ')}`);
  const result = await toolchain.run({ driver: addon.usesCxx ? 'clang++' : 'clang', args, inputs: [...objects, allowFile], outputs: [outFile] });
  if (!result.ok) throw linkFailure(addon, result.stderr, packageName);
}

function linkFailure(addon: AddonPlan, stderr: string, packageName: string): NapiWasmError {
  const undefinedSymbols = [...new Set([...stderr.matchAll(/undefined symbol: (\S+)/g)].map((m) => m[1]!))];
  if (undefinedSymbols.length > 0) {
    const uv = undefinedSymbols.filter((s) => s.startsWith('uv_'));
    return new NapiWasmError('LINK_FAILED', `link error: undefined symbol${undefinedSymbols.length > 1 ? 's' : ''} ${undefinedSymbols.join(', ')}`, {
      location: { packageName, file: addon.gypFile },
      hint: uv.length
        ? `The addon calls libuv functions that napi-wasm's libuv subset does not provide (${uv.join(', ')}).`
        : 'These functions are not in the package sources, wasi-libc, or the napi-wasm shims. If they come from a system library, it needs a wasm32 build.',
      details: stderr,
    });
  }
  return new NapiWasmError('LINK_FAILED', `link error: ${stderr.trim().split('\n').find((l) => /error/.test(l)) ?? 'wasm-ld failed'}`, {
    location: { packageName, file: addon.gypFile },
    hint: 'The full linker output is shown with --verbose.',
    details: stderr,
  });
}

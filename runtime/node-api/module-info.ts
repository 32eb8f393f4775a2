// napi_get_node_version, node_api_get_module_file_name and the deprecated
// napi_module_register. The C structures and strings are allocated in wasm
// memory on first use and kept for the life of the instance.
//
// napi_get_node_version reports the host's Node version where there is one
// (process.versions.node: Node, and the Node version Bun and Deno emulate),
// with release "node"; elsewhere 22.14.0, the first Node release with
// Node-API 10 (the level this runtime implements), with release "napi-wasm".

import { NO_ENV, S, invalidArg, outI32 } from '../api/common.js';
import type { Env } from '../env.js';
import { utf8Length, writeCString } from '../memory.js';

const FALLBACK_VERSION = '22.14.0';

function nodeVersion(): { version: string; release: string } {
  const v = (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node;
  return typeof v === 'string' && /^\d+\.\d+\.\d+/.test(v)
    ? { version: v, release: 'node' }
    : { version: FALLBACK_VERSION, release: 'napi-wasm' };
}

/**
 * What Node reports: a file: URL for a file path (Node turns module.filename
 * into one); a URL or anything else as given.
 */
export function moduleFileUrl(filename: string): string {
  const windows = /^[A-Za-z]:[\\/]/.test(filename);
  if (!filename.startsWith('/') && !windows) return filename;
  const url = new URL('file:///');
  const path = windows ? `/${filename.replace(/\\/g, '/')}` : filename;
  url.pathname = path.replace(/%/g, '%25').replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/\t/g, '%09');
  return url.href;
}

/** malloc'd copy of `s` with its NUL; 0 without memory. */
function cString(env: Env, s: string): number {
  const ptr = env.malloc(utf8Length(s) + 1);
  if (ptr !== 0) writeCString(env.heap, s, ptr);
  return ptr;
}

// napi_node_version on wasm32: major, minor, patch (uint32_t), release (const char*).
const NODE_VERSION_SIZE = 16;
// napi_module on wasm32: nm_register_func is the fourth 4-byte field.
const NM_REGISTER_FUNC = 12;

/** Module initializers recorded by napi_module_register, per env. */
const registered = new WeakMap<Env, number>();

/** The initializer a static constructor registered, or 0. */
export function registeredModuleInit(env: Env): number {
  return registered.get(env) ?? 0;
}

export function moduleInfoApi(env: Env) {
  let versionPtr = 0;
  let fileNamePtr = 0;

  return {
    napi_get_node_version(e: number, result: number): number {
      if (e === 0) return NO_ENV;
      if (result === 0) return invalidArg(env);
      if (versionPtr === 0) {
        const { version, release } = nodeVersion();
        const ptr = env.malloc(NODE_VERSION_SIZE);
        const releasePtr = cString(env, release);
        if (ptr === 0 || releasePtr === 0) return env.setStatus(S.generic_failure);
        const [major, minor, patch] = version.split('.').map((n) => parseInt(n, 10));
        outI32(env, ptr, major!);
        outI32(env, ptr + 4, minor!);
        outI32(env, ptr + 8, patch!);
        outI32(env, ptr + 12, releasePtr);
        versionPtr = ptr;
      }
      outI32(env, result, versionPtr);
      return env.ok();
    },

    node_api_get_module_file_name(e: number, result: number): number {
      if (e === 0) return NO_ENV;
      if (result === 0) return invalidArg(env);
      if (fileNamePtr === 0) fileNamePtr = cString(env, moduleFileUrl(env.filename));
      if (fileNamePtr === 0) return env.setStatus(S.generic_failure);
      outI32(env, result, fileNamePtr);
      return env.ok();
    },

    /** Old-style registration (a static constructor calls it): the module's
     *  initializer when it exports no napi_register_wasm_v1. */
    napi_module_register(mod: number): void {
      if (mod !== 0) registered.set(env, env.heap.fresh().i32[(mod + NM_REGISTER_FUNC) >> 2]!);
    },
  };
}

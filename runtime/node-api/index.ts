// node_api.h: the Node-API functions that only Node has (buffers aside from
// binary.ts's, async work, threadsafe functions, async context, cleanup
// hooks, fatal errors, module and version information, the libuv loop),
// implemented on the one JS thread; see docs/node-api.md. Also the
// "napi_wasm" imports of the libuv subset in napi-shims/uv. The areas are
// listed with the others in api/index.ts.

import type { Env } from '../env.js';
import { AsyncWorks } from './async-work.js';
import { uvApi } from './uv.js';

export { asyncContextApi } from './async-context.js';
export { asyncWorkApi } from './async-work.js';
export { bufferApi } from './buffers.js';
export { cleanupHookApi } from './cleanup-hooks.js';
export { fatalApi } from './fatal.js';
export { disposeAddon, registerExports, trackEnv } from './lifecycle.js';
export { moduleInfoApi, registeredModuleInit } from './module-info.js';
export { threadsafeFunctionApi } from './threadsafe-function.js';

/** What the "napi" and "napi_wasm" imports of one env share: async work and the uv loop. */
interface Shared {
  works: AsyncWorks;
  uv: ReturnType<typeof uvApi>;
}

const shared = new WeakMap<Env, Shared>();

export function sharedOf(env: Env): Shared {
  let s = shared.get(env);
  if (s === undefined) {
    const works = new AsyncWorks(env);
    shared.set(env, (s = { works, uv: uvApi(env, works) }));
  }
  return s;
}

/** The libuv subset's part of the "napi_wasm" import module. */
export function uvImports(env: Env): Record<string, (...args: number[]) => number | void> {
  return sharedOf(env).uv.napiWasm;
}

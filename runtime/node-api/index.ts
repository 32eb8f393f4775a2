// node_api.h: the Node-API functions that only Node has (buffers aside from
// binary.ts's, async work, threadsafe functions, async context, cleanup
// hooks, fatal errors, module and version information, the libuv loop),
// implemented on the one JS thread; see docs/node-api.md. Also the
// "napi_wasm" imports of the libuv subset in napi-shims/uv.

import type { Env } from '../env.js';
import { asyncContextApi } from './async-context.js';
import { AsyncWorks, asyncWorkApi } from './async-work.js';
import { bufferApi } from './buffers.js';
import { cleanupHookApi } from './cleanup-hooks.js';
import { fatalApi } from './fatal.js';
import { trackEnv } from './lifecycle.js';
import { moduleInfoApi } from './module-info.js';
import { threadsafeFunctionApi } from './threadsafe-function.js';
import { uvApi } from './uv.js';

export { disposeAddon, registerExports } from './lifecycle.js';
export { registeredModuleInit } from './module-info.js';

/** What the "napi" and "napi_wasm" imports of one env share: async work and the uv loop. */
interface Shared {
  works: AsyncWorks;
  uv: ReturnType<typeof uvApi>;
}

const shared = new WeakMap<Env, Shared>();

function sharedOf(env: Env): Shared {
  let s = shared.get(env);
  if (s === undefined) {
    const works = new AsyncWorks(env);
    shared.set(env, (s = { works, uv: uvApi(env, works) }));
  }
  return s;
}

/** The node_api.h part of the "napi" import module. */
export function nodeApi(env: Env) {
  trackEnv(env);
  const { works, uv } = sharedOf(env);
  return {
    ...bufferApi(env),
    ...asyncWorkApi(env, works),
    ...threadsafeFunctionApi(env),
    ...asyncContextApi(env),
    ...cleanupHookApi(env),
    ...fatalApi(env),
    ...moduleInfoApi(env),
    ...uv.napi,
  };
}

/** The libuv subset's part of the "napi_wasm" import module. */
export function uvImports(env: Env): Record<string, (...args: number[]) => number | void> {
  return sharedOf(env).uv.napiWasm;
}

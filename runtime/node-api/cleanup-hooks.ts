// napi_add/remove_env_cleanup_hook and napi_add/remove_async_cleanup_hook.
// When they run (disposeAddon, process exit) and in which order is
// lifecycle.ts's business. An async cleanup hook holds the env until it
// removes itself; the env is let go of in a later task, as in Node.

import { NO_ENV, S, invalidArg, outI32 } from '../api/common.js';
import type { Env } from '../env.js';
import { NO_EXCEPTION, callIntoModule } from '../callbacks.js';
import { addCleanupHook, holdEnv, releaseEnv, removeCleanupHook } from './lifecycle.js';
import { post } from './tasks.js';
import { reportUncaught } from './uncaught.js';

type Hook = ReturnType<typeof addCleanupHook>;

export function cleanupHookApi(env: Env) {
  /** Env cleanup hooks by "fn:arg" (a pair may be registered once). */
  const hooks = new Map<string, Hook>();
  /** Async cleanup hooks by napi_async_cleanup_hook_handle. */
  const asyncHooks = new Map<number, Hook>();
  let nextHandle = 1;

  function call(label: string, fn: number, a: number, b = 0): void {
    const exception = callIntoModule(env, label, fn, a, b);
    if (exception !== NO_EXCEPTION) reportUncaught(exception);
  }

  return {
    /** Returns napi_ok without clearing the last error, as Node. */
    napi_add_env_cleanup_hook(e: number, fn: number, arg: number): number {
      if (e === 0) return NO_ENV;
      if (fn === 0) return invalidArg(env);
      const key = `${fn}:${arg}`;
      if (hooks.has(key)) return invalidArg(env); // Node aborts the process
      hooks.set(
        key,
        addCleanupHook(env, () => {
          hooks.delete(key);
          call('napi_cleanup_hook', fn, arg);
        }),
      );
      return S.ok;
    },

    napi_remove_env_cleanup_hook(e: number, fn: number, arg: number): number {
      if (e === 0) return NO_ENV;
      if (fn === 0) return invalidArg(env);
      const key = `${fn}:${arg}`;
      const hook = hooks.get(key);
      if (hook !== undefined) {
        hooks.delete(key);
        removeCleanupHook(env, hook);
      }
      return S.ok;
    },

    napi_add_async_cleanup_hook(e: number, fn: number, arg: number, removeHandle: number): number {
      if (e === 0) return NO_ENV;
      if (fn === 0) return invalidArg(env);
      const handle = nextHandle++;
      asyncHooks.set(
        handle,
        addCleanupHook(env, () => call('napi_async_cleanup_hook', fn, handle, arg)),
      );
      holdEnv(env);
      if (removeHandle !== 0) outI32(env, removeHandle, handle);
      return env.ok();
    },

    /** Takes no env; leaves the last error alone. */
    napi_remove_async_cleanup_hook(handle: number): number {
      const hook = asyncHooks.get(handle);
      if (hook === undefined) return S.invalid_arg;
      asyncHooks.delete(handle);
      removeCleanupHook(env, hook);
      post(() => releaseEnv(env));
      return S.ok;
    },
  };
}

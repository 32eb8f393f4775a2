// napi_async_init/napi_async_destroy, napi_make_callback and callback scopes.
// The runtime has no async_hooks: an async context is only a checked handle,
// and a callback scope only a count. Node drains the microtask queue when the
// outermost callback scope closes (also around napi_make_callback); no JS
// engine API can do that synchronously, so here microtasks run when the
// current macrotask ends, as for any other JS call.

import { NO_ENV, S, THREW, invalidArg, outI32, outValue, runJs, toObject } from '../api/common.js';
import type { Env } from '../env.js';
import { checkAsyncResource } from './resource.js';

export function asyncContextApi(env: Env) {
  const values = env.handles.values;
  const contexts = new Set<number>();
  let nextContext = 1;
  const scopes = new Set<number>();
  let nextScope = 1;

  return {
    napi_async_init(e: number, resource: number, name: number, result: number): number {
      if (e === 0) return NO_ENV;
      if (name === 0 || result === 0) return invalidArg(env);
      const s = checkAsyncResource(env, resource, name);
      if (s !== S.ok) return s;
      const id = nextContext++;
      contexts.add(id);
      outI32(env, result, id);
      return env.ok();
    },

    napi_async_destroy(e: number, context: number): number {
      if (e === 0) return NO_ENV;
      if (!contexts.delete(context)) return invalidArg(env);
      return env.ok();
    },

    napi_make_callback(
      e: number,
      _context: number,
      recv: number,
      func: number,
      argc: number,
      argv: number,
      result: number,
    ): number {
      if (e === 0) return NO_ENV;
      const p = env.preamble();
      if (p !== S.ok) return p;
      if (recv === 0 || (argc !== 0 && argv === 0)) return invalidArg(env);
      const receiver = toObject(env, values[recv]);
      if (receiver === undefined) return env.setStatus(S.object_expected);
      const fn = values[func];
      if (func === 0 || typeof fn !== 'function') return invalidArg(env);
      const args = new Array<unknown>(argc >>> 0);
      const i32 = env.heap.fresh().i32;
      for (let i = 0; i < args.length; i++) args[i] = values[i32[(argv >> 2) + i]!];
      const r = runJs(env, Reflect.apply, fn, receiver, args);
      if (r === THREW) return env.setStatus(S.pending_exception);
      if (result !== 0) outValue(env, result, r);
      return env.ok();
    },

    napi_open_callback_scope(e: number, _resource: number, _context: number, result: number): number {
      if (e === 0) return NO_ENV;
      if (result === 0) return invalidArg(env);
      const id = nextScope++;
      scopes.add(id);
      outI32(env, result, id);
      return env.ok();
    },

    /** Closing with no scope open gives napi_callback_scope_mismatch without recording it, as Node. */
    napi_close_callback_scope(e: number, scope: number): number {
      if (e === 0) return NO_ENV;
      if (scope === 0) return invalidArg(env);
      if (scopes.size === 0) return S.callback_scope_mismatch;
      if (!scopes.delete(scope)) return invalidArg(env);
      return env.ok();
    },
  };
}

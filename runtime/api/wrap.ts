// napi_wrap, napi_unwrap, napi_remove_wrap. The native pointer lives in the
// env's WeakMap keyed by the object; its finalizer runs when the object is
// collected (finalizers.ts), the WrapRecord being the registration's token.
// As in Node, a reference returned by napi_wrap owns that finalizer: deleting
// it first cancels the finalizer, and napi_remove_wrap resets it.

import type { Env } from '../env.js';
import { Finalizer, unwatch, watch } from '../finalizers.js';
import { NO_ENV, S, invalidArg, isObjectLike, outHandle, outI32 } from './common.js';

export function wrapApi(env: Env) {
  const values = env.handles.values;

  /** Shared start of napi_unwrap/napi_remove_wrap: the wrapped object, or a
   *  status number on failure. */
  function wrapped(e: number, object: number, result: number, resultRequired: boolean): object | number {
    if (e === 0) return NO_ENV;
    const p = env.preamble();
    if (p !== S.ok) return p;
    if (object === 0 || (resultRequired && result === 0)) return invalidArg(env);
    const obj = values[object];
    if (!isObjectLike(obj) || !env.wraps.has(obj)) return invalidArg(env);
    return obj;
  }

  return {
    napi_wrap(e: number, object: number, native: number, finalize: number, hint: number, result: number): number {
      if (e === 0) return NO_ENV;
      const p = env.preamble();
      if (p !== S.ok) return p;
      if (object === 0) return invalidArg(env);
      const obj = values[object];
      if (!isObjectLike(obj) || env.wraps.has(obj)) return invalidArg(env);
      // A returned reference may only be deleted from the finalizer, so
      // Node requires one.
      if (result !== 0 && finalize === 0) return invalidArg(env);
      const record = { data: native, finalize, hint, ref: 0 };
      if (result !== 0) {
        record.ref = env.refs.create(obj, 0, record);
        outHandle(env, result, record.ref);
      }
      if (finalize !== 0) watch(obj, new Finalizer(env, finalize, native, hint), record);
      env.wraps.set(obj, record);
      return env.ok();
    },

    napi_unwrap(e: number, object: number, result: number): number {
      const obj = wrapped(e, object, result, true);
      if (typeof obj === 'number') return obj;
      outI32(env, result, env.wraps.get(obj)!.data);
      return env.ok();
    },

    napi_remove_wrap(e: number, object: number, result: number): number {
      const obj = wrapped(e, object, result, false);
      if (typeof obj === 'number') return obj;
      const record = env.wraps.get(obj)!;
      env.wraps.delete(obj);
      // The finalizer must not run any more; a returned napi_ref stays valid.
      unwatch(record);
      const ref = env.refs.get(record.ref);
      if (ref !== undefined && ref.finalizer === record) ref.finalizer = undefined;
      if (result !== 0) outI32(env, result, record.data);
      return env.ok();
    },
  };
}

// napi_wrap, napi_unwrap, napi_remove_wrap. The native pointer lives in the
// env's WeakMap keyed by the object. Finalizers are stored, not yet run
// (issue 3).

import type { Env } from '../env.js';
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
      let ref = 0;
      if (result !== 0) {
        // A returned reference may only be deleted from the finalizer, so
        // Node requires one.
        if (finalize === 0) return invalidArg(env);
        ref = env.refs.create(obj, 0, finalize, native, hint);
        outHandle(env, result, ref);
      }
      env.wraps.set(obj, { data: native, finalize, hint, ref });
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
      const ref = record.ref !== 0 ? env.refs.get(record.ref) : undefined;
      if (ref !== undefined) ref.finalize = 0;
      if (result !== 0) outI32(env, result, record.data);
      return env.ok();
    },
  };
}

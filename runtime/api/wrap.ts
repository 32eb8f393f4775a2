// napi_wrap, napi_unwrap, napi_remove_wrap. The native pointer lives in a
// slot on the object (slots.ts; realm-wide, as Node's private key is per
// context); its finalizer runs when the object is collected (finalizers.ts).
// As in Node, a reference returned by napi_wrap owns that finalizer:
// deleting it first cancels the finalizer, and napi_remove_wrap resets it.

import type { Env } from '../env.js';
import { Finalizer, cancel, watch } from '../finalizers.js';
import { createSlot } from '../slots.js';
import { NO_ENV, S, invalidArg, isObjectLike, outHandle, outI32 } from './common.js';

interface WrapRecord {
  data: number;
  /** What runs when the object dies, if anything. */
  finalizer: Finalizer | undefined;
}

const wraps = createSlot<WrapRecord>();

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
    if (!isObjectLike(obj) || wraps.get(obj) === undefined) return invalidArg(env);
    return obj;
  }

  return {
    napi_wrap(e: number, object: number, native: number, finalize: number, hint: number, result: number): number {
      if (e === 0) return NO_ENV;
      const p = env.preamble();
      if (p !== S.ok) return p;
      if (object === 0) return invalidArg(env);
      const obj = values[object];
      if (!isObjectLike(obj) || wraps.get(obj) !== undefined) return invalidArg(env);
      // A returned reference may only be deleted from the finalizer, so
      // Node requires one.
      if (result !== 0 && finalize === 0) return invalidArg(env);
      const finalizer = finalize !== 0 ? new Finalizer(env, finalize, native, hint) : undefined;
      if (finalizer !== undefined) watch(obj, finalizer);
      if (result !== 0) outHandle(env, result, env.refs.create(obj, 0, finalizer));
      wraps.set(obj, { data: native, finalizer });
      return env.ok();
    },

    napi_unwrap(e: number, object: number, result: number): number {
      const obj = wrapped(e, object, result, true);
      if (typeof obj === 'number') return obj;
      outI32(env, result, wraps.get(obj)!.data);
      return env.ok();
    },

    napi_remove_wrap(e: number, object: number, result: number): number {
      const obj = wrapped(e, object, result, false);
      if (typeof obj === 'number') return obj;
      const record = wraps.get(obj)!;
      wraps.set(obj, undefined);
      // The finalizer must not run any more; a returned napi_ref stays valid.
      if (record.finalizer !== undefined) cancel(record.finalizer);
      if (result !== 0) outI32(env, result, record.data);
      return env.ok();
    },
  };
}

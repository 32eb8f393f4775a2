// References (napi_ref; see references.ts for the semantics) and
// napi_add_finalizer. A reference to an addon-made buffer, or a view of one,
// keeps its pinned block synced (memory-model.ts): C may hold its pointer.

import type { Env } from '../env.js';
import { Finalizer, cancel, watch } from '../finalizers.js';
import { isArrayBuffer, isArrayBufferView } from '../js-types.js';
import { refPin } from '../memory-model.js';
import { GONE, canBeWeak } from '../references.js';
import { NO_ENV, S, invalidArg, isObjectLike, outHandle, outI32, outValue } from './common.js';

/** The ArrayBuffer behind `value`, if it is one or a view of one. */
function bufferOf(value: unknown): ArrayBufferLike | undefined {
  if (isArrayBufferView(value)) return value.buffer;
  return isArrayBuffer(value) ? value : undefined;
}

export function referenceApi(env: Env) {
  const values = env.handles.values;
  const refs = env.refs;

  /** Tells the memory model a reference to `value` came (+1) or went (-1). */
  function notePin(value: unknown, delta: number): void {
    if (env.pins.live === 0) return;
    const buffer = bufferOf(value);
    if (buffer !== undefined) refPin(env, buffer, delta);
  }

  /** CHECK_ENV and CHECK_ARG(ref), and the ref exists. */
  function check(e: number, ref: number): number {
    if (e === 0) return NO_ENV;
    if (ref === 0 || refs.get(ref) === undefined) return invalidArg(env);
    return S.ok;
  }

  return {
    napi_create_reference(e: number, value: number, initial: number, result: number): number {
      if (e === 0) return NO_ENV;
      if (value === 0 || result === 0) return invalidArg(env);
      const v = values[value];
      // Node-API 10 lets any value be referenced.
      if (env.moduleApiVersion < 10 && !canBeWeak(v)) return invalidArg(env);
      outHandle(env, result, refs.create(v, initial >>> 0));
      notePin(v, 1);
      return env.ok();
    },

    napi_delete_reference(e: number, ref: number): number {
      const s = check(e, ref);
      if (s !== S.ok) return s;
      const r = refs.get(ref)!;
      if (r.finalizer !== undefined) cancel(r.finalizer);
      notePin(refs.value(ref), -1);
      refs.delete(ref);
      return env.ok();
    },

    napi_reference_ref(e: number, ref: number, result: number): number {
      const s = check(e, ref);
      if (s !== S.ok) return s;
      const count = refs.ref(ref);
      if (result !== 0) outI32(env, result, count);
      return env.ok();
    },

    napi_reference_unref(e: number, ref: number, result: number): number {
      const s = check(e, ref);
      if (s !== S.ok) return s;
      if (refs.get(ref)!.refcount === 0) return env.setStatus(S.generic_failure);
      const count = refs.unref(ref);
      if (result !== 0) outI32(env, result, count);
      return env.ok();
    },

    napi_get_reference_value(e: number, ref: number, result: number): number {
      const s = check(e, ref);
      if (s !== S.ok) return s;
      if (result === 0) return invalidArg(env);
      const value = refs.value(ref);
      if (value === GONE) outHandle(env, result, 0);
      else outValue(env, result, value);
      return env.ok();
    },

    napi_add_finalizer(e: number, object: number, data: number, finalize: number, hint: number, result: number): number {
      if (e === 0) return NO_ENV;
      if (object === 0 || finalize === 0) return invalidArg(env);
      const obj = values[object];
      if (!isObjectLike(obj)) return invalidArg(env);
      const finalizer = new Finalizer(env, finalize, data, hint);
      watch(obj, finalizer);
      if (result !== 0) outHandle(env, result, refs.create(obj, 0, finalizer));
      return env.ok();
    },
  };
}

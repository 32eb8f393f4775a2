// Helpers every Node-API unit uses: writing results to C out-pointers, the
// common argument failures, and the ToObject conversion Node applies where an
// object is expected.

import type { Env } from '../env.js';
import { storeF64, storeI32, storeI64FromNumber, storeU8 } from '../memory.js';
import { afterRunningJs, beforeRunningJs } from '../memory-model.js';
import { NapiStatus } from '../status.js';

export { NapiStatus as S };

/** Result of CHECK_ENV: a NULL env gets napi_invalid_arg, last error untouched. */
export const NO_ENV = NapiStatus.invalid_arg;

export function invalidArg(env: Env): number {
  return env.setStatus(NapiStatus.invalid_arg);
}

/** *ptr = handle (a napi_value, napi_ref, scope id, ...). */
export function outHandle(env: Env, ptr: number, handle: number): void {
  storeI32(env.heap, ptr, handle);
}

/** *ptr = a new handle for `value`. */
export function outValue(env: Env, ptr: number, value: unknown): void {
  storeI32(env.heap, ptr, env.handles.push(value));
}

export function outBool(env: Env, ptr: number, value: boolean): void {
  storeU8(env.heap, ptr, value ? 1 : 0);
}

/** int32_t, uint32_t, size_t, pointers and enums: 4 bytes on wasm32. */
export function outI32(env: Env, ptr: number, value: number): void {
  storeI32(env.heap, ptr, value);
}

export function outF64(env: Env, ptr: number, value: number): void {
  storeF64(env.heap, ptr, value);
}

export function outI64(env: Env, ptr: number, value: number): void {
  storeI64FromNumber(env.heap, ptr, value);
}

/**
 * CHECK_TO_OBJECT: primitives are wrapped; null and undefined leave a
 * TypeError pending and give undefined (the caller returns
 * napi_object_expected).
 */
export function toObject(env: Env, value: unknown): object | undefined {
  if (value === null || value === undefined) {
    env.setPendingException(new TypeError(`Cannot convert undefined or null to object`));
    return undefined;
  }
  return typeof value === 'object' || typeof value === 'function' ? (value as object) : Object(value);
}

/** runJs's result when the JS threw (the exception is then pending). */
export const THREW: unique symbol = Symbol('threw');

/**
 * Runs JS on C's behalf: fn(a, b, c) with borrowed buffers synced around it.
 * A throw leaves the exception pending and returns THREW. No closure is
 * made per call: `fn` is a Reflect function or a module-level helper.
 */
export function runJs<A, B, C, R>(env: Env, fn: (a: A, b: B, c: C) => R, a: A, b: B, c: C): R | typeof THREW {
  beforeRunningJs(env);
  try {
    return fn(a, b, c);
  } catch (error) {
    env.setPendingException(error);
    return THREW;
  } finally {
    afterRunningJs(env);
  }
}

export function isObjectLike(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

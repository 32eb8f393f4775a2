// napi_property_descriptor arrays: napi_define_properties, and the same
// definitions applied to a class prototype or constructor by napi_define_class.

import { nativeFunction, nativeMethod } from '../callbacks.js';
import type { Env } from '../env.js';
import { NO_ENV, S, THREW, invalidArg, runJs, toObject } from './common.js';
import { readCString } from './strings.js';

// napi_property_descriptor on wasm32: utf8name, name, method, getter, setter,
// value, attributes, data; 4 bytes each.
const DESCRIPTOR_SIZE = 32;

const WRITABLE = 1;
const ENUMERABLE = 2;
const CONFIGURABLE = 4;
const STATIC = 1024;

/** Which descriptors a definition pass applies, and how it names methods. */
export const enum Target {
  /** napi_define_properties: every descriptor; methods named "". */
  Object,
  /** napi_define_class prototype: non-static ones; methods named and
   *  checking their receiver. */
  Prototype,
  /** napi_define_class constructor: static ones; methods named "". */
  Static,
}

function keyLabel(key: string | symbol): string {
  return typeof key === 'symbol' ? `[${key.description ?? ''}]` : key;
}

/**
 * Defines `count` descriptors at `ptr` on `target`. Returns a napi_status
 * (already recorded as the last error when it is not napi_ok).
 */
export function defineDescriptors(
  env: Env,
  target: object,
  count: number,
  ptr: number,
  mode: Target,
  instances?: WeakSet<object>,
): number {
  const values = env.handles.values;
  for (let i = 0; i < count; i++) {
    const at = (ptr + i * DESCRIPTOR_SIZE) >> 2;
    const i32 = env.heap.fresh().i32;
    const utf8name = i32[at]!;
    const name = i32[at + 1]!;
    const method = i32[at + 2]!;
    const getter = i32[at + 3]!;
    const setter = i32[at + 4]!;
    const value = i32[at + 5]!;
    const attributes = i32[at + 6]!;
    const data = i32[at + 7]!;
    if (mode !== Target.Object && ((attributes & STATIC) !== 0) !== (mode === Target.Static)) continue;

    let key: string | symbol;
    if (utf8name !== 0) key = readCString(env, utf8name)!;
    else {
      const k = values[name];
      if (typeof k !== 'string' && typeof k !== 'symbol') return env.setStatus(S.name_expected);
      key = k;
    }
    const label = keyLabel(key);
    const enumerable = (attributes & ENUMERABLE) !== 0;
    const configurable = (attributes & CONFIGURABLE) !== 0;

    let descriptor: PropertyDescriptor;
    let failure: number = S.invalid_arg;
    if (getter !== 0 || setter !== 0) {
      descriptor = {
        get: getter !== 0 ? nativeFunction(env, '', `get ${label}`, getter, data) as () => unknown : undefined,
        set: setter !== 0 ? nativeFunction(env, '', `set ${label}`, setter, data) as (v: unknown) => void : undefined,
        enumerable,
        configurable,
      };
    } else if (method !== 0) {
      const fn =
        mode === Target.Prototype
          ? nativeMethod(env, label, label, method, data, instances!)
          : nativeFunction(env, '', label, method, data);
      descriptor = { value: fn, writable: (attributes & WRITABLE) !== 0, enumerable, configurable };
      failure = S.generic_failure;
    } else {
      descriptor = { value: values[value], writable: (attributes & WRITABLE) !== 0, enumerable, configurable };
    }
    const defined = runJs(env, Reflect.defineProperty, target, key, descriptor);
    if (defined === THREW) return env.setStatus(S.pending_exception);
    if (!defined) return env.setStatus(failure);
  }
  return S.ok;
}

export function propertyApi(env: Env) {
  const values = env.handles.values;
  return {
    napi_define_properties(e: number, object: number, count: number, properties: number): number {
      if (e === 0) return NO_ENV;
      const p = env.preamble();
      if (p !== S.ok) return p;
      if (count !== 0 && properties === 0) return invalidArg(env);
      if (object === 0) return invalidArg(env);
      const target = toObject(env, values[object]);
      if (target === undefined) return env.setStatus(S.object_expected);
      const s = defineDescriptors(env, target, count >>> 0, properties, Target.Object);
      return s === S.ok ? env.ok() : s;
    },
  };
}

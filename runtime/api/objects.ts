// Objects and arrays: creation, property and element access, arrays,
// prototypes, instanceof, freeze and seal.
//
// Property access may run JS (getters, setters, proxies). A throw leaves the
// exception pending and returns STATUS_WHEN_PROPERTY_ACCESS_THROWS, as Node 20.
// The runtime's code is strict, but Node's Set is sloppy: a failed set (a
// frozen object) is not an error, hence Reflect.set with its result ignored.

import type { Env } from '../env.js';
import { isArray, isProxy } from '../js-types.js';
import { STATUS_WHEN_PROPERTY_ACCESS_THROWS as ACCESS_THREW } from '../status.js';
import { NO_ENV, S, THREW, invalidArg, outBool, outI32, outValue, runJs, toObject } from './common.js';
import { newError } from './errors.js';
import { readCString } from './strings.js';

type Key = PropertyKey;

/** A non-NULL stand-in for start()'s unused arguments. */
const NONE = 1;

/** What access() writes to *result. */
const enum Out {
  Value,
  Bool,
}

function getProperty(obj: object, key: Key): unknown {
  return Reflect.get(obj, key, obj);
}

function hasOwn(obj: object, key: Key): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

function instanceOf(value: unknown, ctor: Function): boolean {
  return value instanceof ctor;
}

export function objectApi(env: Env) {
  const values = env.handles.values;

  /** Shared body of the get/has/delete family once the key is known:
   *  `op(object, key)` runs guarded and *result gets its value (a bool
   *  result may be NULL: delete's is optional). */
  function access(object: number, key: Key, op: (o: object, k: Key) => unknown, result: number, write: Out): number {
    if (object === 0) return invalidArg(env);
    const obj = toObject(env, values[object]);
    if (obj === undefined) return env.setStatus(S.object_expected);
    const r = runJs(env, op, obj, key, undefined);
    if (r === THREW) return env.setStatus(ACCESS_THREW);
    if (write === Out.Value) outValue(env, result, r);
    else if (write === Out.Bool && result !== 0) outBool(env, result, r as boolean);
    return env.ok();
  }

  function set(object: number, key: Key, value: number): number {
    if (object === 0) return invalidArg(env);
    const obj = toObject(env, values[object]);
    if (obj === undefined) return env.setStatus(S.object_expected);
    if (runJs(env, Reflect.set, obj, key, values[value]) === THREW) return env.setStatus(ACCESS_THREW);
    return env.ok();
  }

  /** NAPI_PREAMBLE plus CHECK_ARG of up to two required pointers (pass
   *  NONE for an unused one); napi_ok to go on. */
  function start(e: number, a: number, b: number): number {
    if (e === 0) return NO_ENV;
    const p = env.preamble();
    if (p !== S.ok) return p;
    if (a === 0 || b === 0) return invalidArg(env);
    return S.ok;
  }

  /** Shared body of napi_object_freeze/seal (a Proxy trap or a typed array
   *  with elements may throw: napi_pending_exception, as in Node). */
  function integrity(e: number, object: number, level: (o: object) => object): number {
    const s = start(e, object, NONE);
    if (s !== S.ok) return s;
    const obj = toObject(env, values[object]);
    if (obj === undefined) return env.setStatus(S.object_expected);
    if (runJs(env, level, obj, undefined, undefined) === THREW) return env.setStatus(S.pending_exception);
    return env.ok();
  }

  return {
    napi_create_object(e: number, result: number): number {
      if (e === 0) return NO_ENV;
      if (result === 0) return invalidArg(env);
      outValue(env, result, {});
      return env.ok();
    },

    napi_create_array(e: number, result: number): number {
      if (e === 0) return NO_ENV;
      if (result === 0) return invalidArg(env);
      outValue(env, result, []);
      return env.ok();
    },

    napi_create_array_with_length(e: number, length: number, result: number): number {
      if (e === 0) return NO_ENV;
      if (result === 0) return invalidArg(env);
      // V8 takes an int: SIZE_MAX and anything above INT_MAX give length 0.
      outValue(env, result, new Array(length < 0 ? 0 : length));
      return env.ok();
    },

    napi_set_property(e: number, object: number, key: number, value: number): number {
      const s = start(e, key, value);
      return s !== S.ok ? s : set(object, values[key] as Key, value);
    },

    napi_get_property(e: number, object: number, key: number, result: number): number {
      const s = start(e, key, result);
      return s !== S.ok ? s : access(object, values[key] as Key, getProperty, result, Out.Value);
    },

    napi_has_property(e: number, object: number, key: number, result: number): number {
      const s = start(e, key, result);
      return s !== S.ok ? s : access(object, values[key] as Key, Reflect.has, result, Out.Bool);
    },

    napi_delete_property(e: number, object: number, key: number, result: number): number {
      const s = start(e, key, NONE);
      return s !== S.ok ? s : access(object, values[key] as Key, Reflect.deleteProperty, result, Out.Bool);
    },

    napi_has_own_property(e: number, object: number, key: number, result: number): number {
      const s = start(e, key, result);
      if (s !== S.ok) return s;
      if (object === 0) return invalidArg(env);
      if (toObject(env, values[object]) === undefined) return env.setStatus(S.object_expected);
      const k = values[key];
      if (typeof k !== 'string' && typeof k !== 'symbol') return env.setStatus(S.name_expected);
      return access(object, k, hasOwn, result, Out.Bool);
    },

    napi_set_named_property(e: number, object: number, name: number, value: number): number {
      const s = start(e, value, NONE);
      if (s !== S.ok) return s;
      const key = readCString(env, name);
      return key === undefined ? invalidArg(env) : set(object, key, value);
    },

    napi_get_named_property(e: number, object: number, name: number, result: number): number {
      const s = start(e, result, NONE);
      if (s !== S.ok) return s;
      const key = readCString(env, name);
      return key === undefined ? invalidArg(env) : access(object, key, getProperty, result, Out.Value);
    },

    napi_has_named_property(e: number, object: number, name: number, result: number): number {
      const s = start(e, result, NONE);
      if (s !== S.ok) return s;
      const key = readCString(env, name);
      return key === undefined ? invalidArg(env) : access(object, key, Reflect.has, result, Out.Bool);
    },

    napi_set_element(e: number, object: number, index: number, value: number): number {
      const s = start(e, value, NONE);
      return s !== S.ok ? s : set(object, index >>> 0, value);
    },

    napi_get_element(e: number, object: number, index: number, result: number): number {
      const s = start(e, result, NONE);
      return s !== S.ok ? s : access(object, index >>> 0, getProperty, result, Out.Value);
    },

    napi_has_element(e: number, object: number, index: number, result: number): number {
      const s = start(e, result, NONE);
      return s !== S.ok ? s : access(object, index >>> 0, Reflect.has, result, Out.Bool);
    },

    napi_delete_element(e: number, object: number, index: number, result: number): number {
      const s = start(e, NONE, NONE);
      return s !== S.ok ? s : access(object, index >>> 0, Reflect.deleteProperty, result, Out.Bool);
    },

    napi_is_array(e: number, value: number, result: number): number {
      if (e === 0) return NO_ENV;
      if (value === 0 || result === 0) return invalidArg(env);
      outBool(env, result, isArray(values[value]));
      return env.ok();
    },

    napi_get_array_length(e: number, value: number, result: number): number {
      const s = start(e, value, result);
      if (s !== S.ok) return s;
      const array = values[value];
      if (!isArray(array)) return env.setStatus(S.array_expected);
      outI32(env, result, (array as unknown[]).length);
      return env.ok();
    },

    napi_get_prototype(e: number, object: number, result: number): number {
      const s = start(e, result, NONE);
      if (s !== S.ok) return s;
      if (object === 0) return invalidArg(env);
      const obj = toObject(env, values[object]);
      if (obj === undefined) return env.setStatus(S.object_expected);
      // V8 reads a Proxy's own (null) prototype without calling its trap.
      if (isProxy(obj)) {
        outValue(env, result, null);
        return env.ok();
      }
      const proto = runJs(env, Reflect.getPrototypeOf, obj, undefined, undefined);
      if (proto === THREW) return env.setStatus(S.pending_exception);
      outValue(env, result, proto);
      return env.ok();
    },

    napi_object_freeze: (e: number, object: number) => integrity(e, object, Object.freeze),
    napi_object_seal: (e: number, object: number) => integrity(e, object, Object.seal),

    napi_instanceof(e: number, object: number, constructor: number, result: number): number {
      const s = start(e, object, result);
      if (s !== S.ok) return s;
      outBool(env, result, false);
      if (constructor === 0) return invalidArg(env);
      const ctor = toObject(env, values[constructor]);
      if (ctor === undefined) return env.setStatus(S.object_expected);
      if (typeof ctor !== 'function') {
        env.setPendingException(newError(TypeError, 'Constructor must be a function', 'ERR_NAPI_CONS_FUNCTION'));
        return env.setStatus(S.function_expected);
      }
      const r = runJs(env, instanceOf, values[object], ctor, undefined);
      if (r === THREW) return env.setStatus(ACCESS_THREW);
      outBool(env, result, r);
      return env.ok();
    },
  };
}

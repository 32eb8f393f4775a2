// Singletons, numbers, booleans, symbols, externals, napi_typeof and
// napi_strict_equals.

import type { Env } from '../env.js';
import { createExternal, externalData, isExternal } from '../external.js';
import { Finalizer, watch } from '../finalizers.js';
import { storeI64 } from '../memory.js';
import { HANDLE_FALSE, HANDLE_GLOBAL, HANDLE_NULL, HANDLE_TRUE, HANDLE_UNDEFINED } from '../handles.js';
import { NO_ENV, S, invalidArg, outBool, outF64, outHandle, outI32, outI64, outValue } from './common.js';
import { UTF8, readCText } from './strings.js';

const TWO_63 = 9223372036854775808;
const INT64_MAX = 0x7fffffffffffffffn;

/** napi_valuetype */
const enum ValueType {
  undefined = 0,
  null = 1,
  boolean = 2,
  number = 3,
  string = 4,
  symbol = 5,
  object = 6,
  function = 7,
  external = 8,
  bigint = 9,
}

function valueType(v: unknown): ValueType {
  switch (typeof v) {
    case 'number':
      return ValueType.number;
    case 'bigint':
      return ValueType.bigint;
    case 'string':
      return ValueType.string;
    case 'function':
      return ValueType.function;
    case 'boolean':
      return ValueType.boolean;
    case 'undefined':
      return ValueType.undefined;
    case 'symbol':
      return ValueType.symbol;
    default:
      if (v === null) return ValueType.null;
      return isExternal(v as object) ? ValueType.external : ValueType.object;
  }
}

export function valueApi(env: Env) {
  const values = env.handles.values;

  /** Shared body of the getters of constant handles. */
  function constant(e: number, result: number, handle: number): number {
    if (e === 0) return NO_ENV;
    if (result === 0) return invalidArg(env);
    outHandle(env, result, handle);
    return env.ok();
  }

  /** Shared body of napi_create_{double,int32,uint32,int64}. */
  function number(e: number, value: number, result: number): number {
    if (e === 0) return NO_ENV;
    if (result === 0) return invalidArg(env);
    outValue(env, result, value);
    return env.ok();
  }

  /** Shared checks of napi_get_value_{double,int32,uint32,int64}. */
  function numberArg(e: number, value: number, result: number): number {
    if (e === 0) return NO_ENV;
    if (value === 0 || result === 0) return invalidArg(env);
    if (typeof values[value] !== 'number') return env.setStatus(S.number_expected);
    return S.ok;
  }

  return {
    napi_get_undefined(e: number, result: number): number {
      return constant(e, result, HANDLE_UNDEFINED);
    },

    napi_get_null(e: number, result: number): number {
      return constant(e, result, HANDLE_NULL);
    },

    napi_get_global(e: number, result: number): number {
      return constant(e, result, HANDLE_GLOBAL);
    },

    napi_get_boolean(e: number, value: number, result: number): number {
      return constant(e, result, value !== 0 ? HANDLE_TRUE : HANDLE_FALSE);
    },

    napi_create_double(e: number, value: number, result: number): number {
      return number(e, value, result);
    },

    napi_create_int32(e: number, value: number, result: number): number {
      return number(e, value, result);
    },

    napi_create_uint32(e: number, value: number, result: number): number {
      return number(e, value >>> 0, result);
    },

    napi_create_int64(e: number, value: bigint, result: number): number {
      return number(e, Number(value), result);
    },

    napi_get_value_double(e: number, value: number, result: number): number {
      const s = numberArg(e, value, result);
      if (s !== S.ok) return s;
      outF64(env, result, values[value] as number);
      return env.ok();
    },

    napi_get_value_int32(e: number, value: number, result: number): number {
      const s = numberArg(e, value, result);
      if (s !== S.ok) return s;
      outI32(env, result, (values[value] as number) | 0);
      return env.ok();
    },

    napi_get_value_uint32(e: number, value: number, result: number): number {
      const s = numberArg(e, value, result);
      if (s !== S.ok) return s;
      outI32(env, result, (values[value] as number) >>> 0);
      return env.ok();
    },

    napi_get_value_int64(e: number, value: number, result: number): number {
      const s = numberArg(e, value, result);
      if (s !== S.ok) return s;
      // As V8: truncate; NaN and ±Infinity give 0; out of range saturates.
      const v = values[value] as number;
      if (!Number.isFinite(v)) outI64(env, result, 0);
      else if (v >= TWO_63) storeI64(env.heap, result, INT64_MAX);
      else outI64(env, result, Math.max(Math.trunc(v), -TWO_63));
      return env.ok();
    },

    napi_get_value_bool(e: number, value: number, result: number): number {
      if (e === 0) return NO_ENV;
      if (value === 0 || result === 0) return invalidArg(env);
      const v = values[value];
      if (typeof v !== 'boolean') return env.setStatus(S.boolean_expected);
      outBool(env, result, v);
      return env.ok();
    },

    napi_typeof(e: number, value: number, result: number): number {
      if (e === 0) return NO_ENV;
      if (value === 0 || result === 0) return invalidArg(env);
      outI32(env, result, valueType(values[value]));
      return env.ok();
    },

    napi_strict_equals(e: number, lhs: number, rhs: number, result: number): number {
      if (e === 0) return NO_ENV;
      const p = env.preamble();
      if (p !== S.ok) return p;
      if (lhs === 0 || rhs === 0 || result === 0) return invalidArg(env);
      outBool(env, result, values[lhs] === values[rhs]);
      return env.ok();
    },

    napi_create_symbol(e: number, description: number, result: number): number {
      if (e === 0) return NO_ENV;
      if (result === 0) return invalidArg(env);
      if (description === 0) {
        outValue(env, result, Symbol());
        return env.ok();
      }
      const d = values[description];
      if (typeof d !== 'string') return env.setStatus(S.string_expected);
      outValue(env, result, Symbol(d));
      return env.ok();
    },

    node_api_symbol_for(e: number, description: number, length: number, result: number): number {
      if (e === 0) return NO_ENV;
      if (result === 0) return invalidArg(env);
      const key = readCText(env, UTF8, description, length);
      if (key === undefined) return invalidArg(env);
      outValue(env, result, Symbol.for(key));
      return env.ok();
    },

    napi_create_external(e: number, data: number, finalize: number, hint: number, result: number): number {
      if (e === 0) return NO_ENV;
      const p = env.preamble();
      if (p !== S.ok) return p;
      if (result === 0) return invalidArg(env);
      const external = createExternal(data);
      if (finalize !== 0) watch(external, new Finalizer(env, finalize, data, hint));
      outValue(env, result, external);
      return env.ok();
    },

    napi_get_value_external(e: number, value: number, result: number): number {
      if (e === 0) return NO_ENV;
      if (value === 0 || result === 0) return invalidArg(env);
      const data = externalData(values[value]);
      if (data === undefined) return invalidArg(env);
      outI32(env, result, data);
      return env.ok();
    },
  };
}

// napi_coerce_to_*: ToBoolean, ToNumber, ToObject and ToString. The last
// three may run JS (valueOf, toString, Symbol.toPrimitive) or throw; a throw
// leaves the exception pending and gives the matching *_expected status, as
// in Node.

import type { Env } from '../env.js';
import { NO_ENV, S, THREW, invalidArg, outValue, runJs } from './common.js';

function toNumber(v: unknown): number {
  return +(v as number); // throws for a BigInt or a Symbol, as ToNumber does
}

function toObject(v: unknown): object {
  if (v === null || v === undefined) throw new TypeError('Cannot convert undefined or null to object');
  return Object(v);
}

function toString(v: unknown): string {
  return `${v as string}`; // ToString: throws for a Symbol, unlike String()
}

export function conversionApi(env: Env) {
  const values = env.handles.values;

  function coerce(e: number, value: number, result: number, convert: (v: unknown) => unknown, failure: number): number {
    if (e === 0) return NO_ENV;
    const p = env.preamble();
    if (p !== S.ok) return p;
    if (value === 0 || result === 0) return invalidArg(env);
    const r = runJs(env, convert, values[value], undefined, undefined);
    if (r === THREW) return env.setStatus(failure);
    outValue(env, result, r);
    return env.ok();
  }

  return {
    napi_coerce_to_bool: (e: number, v: number, r: number) => coerce(e, v, r, Boolean, S.boolean_expected),
    napi_coerce_to_number: (e: number, v: number, r: number) => coerce(e, v, r, toNumber, S.number_expected),
    napi_coerce_to_object: (e: number, v: number, r: number) => coerce(e, v, r, toObject, S.object_expected),
    napi_coerce_to_string: (e: number, v: number, r: number) => coerce(e, v, r, toString, S.string_expected),
  };
}

// Property-key collection: napi_get_all_property_names with its key filters,
// collection modes and key conversions, and napi_get_property_names (for-in
// keys). As V8's KeyAccumulator: own keys in [[OwnPropertyKeys]] order
// (indices, strings, symbols) object by object up the prototype chain, a key
// met once not repeated further up (even if the filter dropped it there),
// accessors passing the "writable" filter, and under napi_key_keep_numbers
// only array indices (below 2^32 - 1) turned into numbers.

import type { Env } from '../env.js';
import { NO_ENV, S, THREW, invalidArg, outValue, runJs, toObject } from './common.js';

const WRITABLE = 1;
const ENUMERABLE = 2;
const CONFIGURABLE = 4;
const SKIP_STRINGS = 8;
const SKIP_SYMBOLS = 16;
const ATTRIBUTES = WRITABLE | ENUMERABLE | CONFIGURABLE;

const INCLUDE_PROTOTYPES = 0;
const OWN_ONLY = 1;
const KEEP_NUMBERS = 0;
const NUMBERS_TO_STRINGS = 1;

const MAX_INDEX = 4294967294;

function passes(obj: object, key: PropertyKey, filter: number): boolean {
  if (typeof key === 'symbol' ? (filter & SKIP_SYMBOLS) !== 0 : (filter & SKIP_STRINGS) !== 0) return false;
  if ((filter & ATTRIBUTES) === 0) return true;
  const d = Reflect.getOwnPropertyDescriptor(obj, key);
  if (d === undefined) return false;
  if ((filter & ENUMERABLE) !== 0 && !d.enumerable) return false;
  if ((filter & CONFIGURABLE) !== 0 && !d.configurable) return false;
  return (filter & WRITABLE) === 0 || d.writable !== false;
}

/** An array index as a number (under napi_key_keep_numbers), else the key. */
function converted(key: PropertyKey): PropertyKey {
  if (typeof key !== 'string') return key;
  const n = Number(key);
  return n >= 0 && n <= MAX_INDEX && Number.isInteger(n) && String(n) === key ? n : key;
}

/** Flags of collectKeys' `mode` argument. */
const OWN = 1;
const NUMBERS = 2;

function collectKeys(obj: object, filter: number, mode: number): PropertyKey[] {
  const ownOnly = (mode & OWN) !== 0;
  const keepNumbers = (mode & NUMBERS) !== 0;
  const out: PropertyKey[] = [];
  const seen = new Set<PropertyKey>();
  for (let o: object | null = obj; o !== null; o = ownOnly ? null : Reflect.getPrototypeOf(o)) {
    for (const key of Reflect.ownKeys(o)) {
      if (!ownOnly) {
        if (seen.has(key)) continue;
        seen.add(key);
      }
      if (passes(o, key, filter)) out.push(keepNumbers ? converted(key) : key);
    }
  }
  return out;
}

export function keyApi(env: Env) {
  const values = env.handles.values;

  function collect(e: number, object: number, mode: number, filter: number, conversion: number, result: number): number {
    if (e === 0) return NO_ENV;
    const p = env.preamble();
    if (p !== S.ok) return p;
    if (result === 0 || object === 0) return invalidArg(env);
    const obj = toObject(env, values[object]);
    if (obj === undefined) return env.setStatus(S.object_expected);
    if (mode !== INCLUDE_PROTOTYPES && mode !== OWN_ONLY) return invalidArg(env);
    if (conversion !== KEEP_NUMBERS && conversion !== NUMBERS_TO_STRINGS) return invalidArg(env);
    const flags = (mode === OWN_ONLY ? OWN : 0) | (conversion === KEEP_NUMBERS ? NUMBERS : 0);
    const keys = runJs(env, collectKeys, obj, filter, flags);
    if (keys === THREW) return env.setStatus(S.pending_exception);
    outValue(env, result, keys);
    return env.ok();
  }

  return {
    napi_get_all_property_names: collect,
    napi_get_property_names: (e: number, o: number, r: number) =>
      collect(e, o, INCLUDE_PROTOTYPES, ENUMERABLE | SKIP_SYMBOLS, NUMBERS_TO_STRINGS, r),
  };
}

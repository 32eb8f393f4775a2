// BigInt: from and to int64, uint64 and arrays of 64-bit words, with
// Node's lossless flags and word-count rules.

import type { Env } from '../env.js';
import { storeI64 } from '../memory.js';
import { NO_ENV, S, invalidArg, outBool, outI32, outValue } from './common.js';

const INT_MAX = 0x7fffffff;
/** V8's largest BigInt, in 64-bit words (2^30 bits). */
const MAX_WORDS = 1 << 24;

function fromWords(env: Env, negative: boolean, count: number, words: number): bigint {
  const dv = env.heap.fresh().dv;
  let value = 0n;
  for (let i = count - 1; i >= 0; i--) value = (value << 64n) | dv.getBigUint64(words + 8 * i, true);
  return negative ? -value : value;
}

export function bigintApi(env: Env) {
  const values = env.handles.values;

  function create(e: number, value: bigint, result: number): number {
    if (e === 0) return NO_ENV;
    if (result === 0) return invalidArg(env);
    outValue(env, result, value);
    return env.ok();
  }

  /** Shared body of napi_get_value_bigint_{int64,uint64}: `wrap` is BigInt.asIntN or asUintN. */
  function get(e: number, value: number, result: number, lossless: number, wrap: (bits: number, v: bigint) => bigint): number {
    if (e === 0) return NO_ENV;
    if (value === 0 || result === 0 || lossless === 0) return invalidArg(env);
    const v = values[value];
    if (typeof v !== 'bigint') return env.setStatus(S.bigint_expected);
    const wrapped = wrap(64, v);
    storeI64(env.heap, result, BigInt.asIntN(64, wrapped));
    outBool(env, lossless, wrapped === v);
    return env.ok();
  }

  return {
    napi_create_bigint_int64: (e: number, value: bigint, result: number) => create(e, value, result),
    napi_create_bigint_uint64: (e: number, value: bigint, result: number) => create(e, BigInt.asUintN(64, value), result),

    napi_create_bigint_words(e: number, signBit: number, count: number, words: number, result: number): number {
      if (e === 0) return NO_ENV;
      const p = env.preamble();
      if (p !== S.ok) return p;
      if (words === 0 || result === 0) return invalidArg(env);
      const n = count >>> 0;
      if (n > INT_MAX) return invalidArg(env);
      if (n > MAX_WORDS) return env.caught(new RangeError('Maximum BigInt size exceeded'));
      outValue(env, result, fromWords(env, signBit !== 0, n, words));
      return env.ok();
    },

    napi_get_value_bigint_int64: (e: number, v: number, r: number, l: number) => get(e, v, r, l, BigInt.asIntN),
    napi_get_value_bigint_uint64: (e: number, v: number, r: number, l: number) => get(e, v, r, l, BigInt.asUintN),

    /** Both sign_bit and words NULL: *word_count = the words needed. Else
     *  copies at most *word_count words, and *word_count = the words needed. */
    napi_get_value_bigint_words(e: number, value: number, signBit: number, wordCount: number, words: number): number {
      if (e === 0) return NO_ENV;
      if (value === 0 || wordCount === 0) return invalidArg(env);
      const v = values[value];
      if (typeof v !== 'bigint') return env.setStatus(S.bigint_expected);
      let magnitude = v < 0n ? -v : v;
      let needed = 0;
      for (let m = magnitude; m !== 0n; m >>= 64n) needed++;
      if (signBit !== 0 || words !== 0) {
        if (signBit === 0 || words === 0) return invalidArg(env);
        const capacity = env.heap.fresh().i32[wordCount >> 2]! >>> 0;
        outI32(env, signBit, v < 0n ? 1 : 0);
        for (let i = 0; i < needed && i < capacity; i++, magnitude >>= 64n) {
          storeI64(env.heap, words + 8 * i, BigInt.asIntN(64, magnitude));
        }
      }
      outI32(env, wordCount, needed);
      return env.ok();
    },
  };
}

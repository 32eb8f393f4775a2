import { describe, expect, it } from 'vitest';
import { NapiStatus as S } from '../../runtime/index.js';
import { loadFixture } from './load.js';

const TWO_64 = 2n ** 64n;
const TWO_63 = 2n ** 63n;

describe('BigInt (fixtures/api-bigint)', async () => {
  const a = await loadFixture('api-bigint');

  it('napi_get_value_bigint_int64 wraps and says whether it was lossless', () => {
    expect(a.toInt64(TWO_63 - 1n)).toEqual({ status: S.ok, value: '9223372036854775807', lossless: true });
    expect(a.toInt64(-TWO_63)).toEqual({ status: S.ok, value: '-9223372036854775808', lossless: true });
    expect(a.toInt64(TWO_63)).toEqual({ status: S.ok, value: '-9223372036854775808', lossless: false });
    expect(a.toInt64(-1n)).toEqual({ status: S.ok, value: '-1', lossless: true });
    expect(a.toInt64(TWO_64 + 5n)).toEqual({ status: S.ok, value: '5', lossless: false });
    expect(a.toInt64(5).status).toBe(S.bigint_expected);
  });

  it('napi_get_value_bigint_uint64: negative values are not lossless', () => {
    expect(a.toUint64(TWO_64 - 1n)).toEqual({ status: S.ok, value: '18446744073709551615', lossless: true });
    expect(a.toUint64(-1n)).toEqual({ status: S.ok, value: '18446744073709551615', lossless: false });
    expect(a.toUint64(0n)).toEqual({ status: S.ok, value: '0', lossless: true });
    expect(a.toUint64('1').status).toBe(S.bigint_expected);
  });

  it('napi_create_bigint_int64 / uint64 keep all 64 bits', () => {
    expect(a.fromInt64('-9223372036854775808')).toBe(-TWO_63);
    expect(a.fromInt64('9223372036854775807')).toBe(TWO_63 - 1n);
    expect(a.fromUint64('18446744073709551615')).toBe(TWO_64 - 1n);
    expect(a.fromUint64('0')).toBe(0n);
  });

  it('napi_get_value_bigint_words: sign, words needed, at most the words asked for', () => {
    expect(a.toWords(0n, 2)).toEqual({ status: S.ok, sign: 0, count: 0, words: ['0', '0'] });
    expect(a.toWords(-(TWO_64 + 3n), 4)).toEqual({ status: S.ok, sign: 1, count: 2, words: ['3', '1', '0', '0'] });
    expect(a.toWords(TWO_64 * 5n + 7n, 1)).toEqual({ status: S.ok, sign: 0, count: 2, words: ['7'] });
    expect(a.toWords(2n ** 200n, -1)).toEqual({ status: S.ok, sign: 7, count: 4, words: [] });
    expect(a.toWords(1, 2).status).toBe(S.bigint_expected);
  });

  it('napi_create_bigint_words', () => {
    expect(a.fromWords(1, ['3', '1'])).toEqual({ status: S.ok, value: -(TWO_64 + 3n) });
    expect(a.fromWords(0, ['18446744073709551615', '18446744073709551615'])).toEqual({ status: S.ok, value: TWO_64 * TWO_64 - 1n });
    expect(a.fromWords(1, [])).toEqual({ status: S.ok, value: 0n });
    expect(a.fromWords(0, ['0', '0']).value).toBe(0n);
  });

  it('argument checks', () => {
    // words NULL, count above INT_MAX, number instead of bigint, lossless
    // NULL, word_count NULL, sign NULL with words, number to the words query.
    expect(a.bigIntEdgeCases()).toEqual([
      S.invalid_arg, S.invalid_arg, S.bigint_expected, S.invalid_arg, S.invalid_arg, S.invalid_arg, S.bigint_expected,
    ]);
  });

  it('more words than a BigInt can have: a RangeError, pending', () => {
    const r = a.tooBig();
    expect(r.status).toBe(S.pending_exception);
    expect(r.error).toBeInstanceOf(RangeError);
    expect(r.error.message).toBe('Maximum BigInt size exceeded');
  });
});

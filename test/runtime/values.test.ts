import { describe, expect, it } from 'vitest';
import { NapiStatus } from '../../runtime/index.js';
import { loadFixture } from './load.js';

const S = NapiStatus;

describe('values (fixtures/api-values)', async () => {
  const a = await loadFixture('api-values');

  it('napi_coerce_to_bool/number/object/string, and the *_expected statuses when they throw', () => {
    const [BOOL, NUMBER, OBJECT, STRING] = [0, 1, 2, 3];
    expect(a.coerce(BOOL, '')).toEqual({ status: S.ok, value: false });
    expect(a.coerce(BOOL, {})).toEqual({ status: S.ok, value: true });
    expect(a.coerce(NUMBER, ' 12 ')).toEqual({ status: S.ok, value: 12 });
    expect(a.coerce(NUMBER, [5])).toEqual({ status: S.ok, value: 5 });
    expect(a.coerce(NUMBER, { [Symbol.toPrimitive]: () => 7 }).value).toBe(7);
    expect(a.coerce(STRING, { toString: () => 'ts', valueOf: () => 'vo' }).value).toBe('ts');
    expect(a.coerce(STRING, 10n).value).toBe('10');
    expect(a.coerce(OBJECT, 1).value).toBeInstanceOf(Number);
    const o = {};
    expect(a.coerce(OBJECT, o).value).toBe(o);
    const bigNumber = a.coerce(NUMBER, 1n);
    expect(bigNumber.status).toBe(S.number_expected);
    expect(bigNumber.error).toBeInstanceOf(TypeError);
    expect(a.coerce(STRING, Symbol('s')).status).toBe(S.string_expected);
    expect(a.coerce(OBJECT, null).status).toBe(S.object_expected);
    const thrown = a.coerce(NUMBER, { valueOf() { throw new RangeError('v'); } });
    expect([thrown.status, thrown.error.message]).toEqual([S.number_expected, 'v']);
    for (let k = 0; k < 4; k++) expect(a.coerceNull(k)).toEqual([S.invalid_arg, S.invalid_arg]);
  });

  it('napi_typeof reports every napi_valuetype', () => {
    const cases: [unknown, number][] = [
      [undefined, 0],
      [null, 1],
      [true, 2],
      [1.5, 3],
      ['s', 4],
      [Symbol('x'), 5],
      [{}, 6],
      [[], 6],
      [() => 0, 7],
      [new Proxy(() => 0, {}), 7],
      [a.makeExternal(1), 8],
      [10n, 9],
    ];
    cases.forEach(([value, type], i) => expect(a.typeOf(value), `case ${i}`).toBe(type));
  });

  it('napi_get_value_double and napi_create_double round-trip, number_expected otherwise', () => {
    expect(a.getDouble(1.5)).toEqual({ status: S.ok, value: 1.5 });
    expect(Object.is(a.getDouble(-0).value, -0)).toBe(true);
    expect(a.getDouble(NaN).value).toBeNaN();
    expect(a.getDouble(Infinity).value).toBe(Infinity);
    expect(a.getDouble('1')).toEqual({ status: S.number_expected, value: undefined });
    expect(a.getDouble(1n).status).toBe(S.number_expected);
    expect(a.getDouble(new Number(1)).status).toBe(S.number_expected);
  });

  it('napi_get_value_int32 truncates like Node', () => {
    const cases: [number, number][] = [
      [0, 0],
      [-0, 0],
      [-(2 ** 31), -(2 ** 31)],
      [2 ** 31 - 1, 2 ** 31 - 1],
      [4294967297, 1],
      [4294967296, 0],
      [4294967295, -1],
      [4294967296 * 5 + 3, 3],
      [Number.MIN_SAFE_INTEGER, 1],
      [Number.MAX_SAFE_INTEGER, -1],
      [-(2 ** 63) + (2 ** 9 + 1), 1024],
      [2 ** 63 - (2 ** 9 + 1), -1024],
      [-Number.MIN_VALUE, 0],
      [Number.MAX_VALUE, 0],
      [Infinity, 0],
      [NaN, 0],
      [1.9, 1],
      [-1.9, -1],
    ];
    for (const [input, expected] of cases) expect(a.int32(input).value, String(input)).toBe(expected);
    expect(a.int32('1').status).toBe(S.number_expected);
  });

  it('napi_get_value_uint32 truncates like Node', () => {
    const cases: [number, number][] = [
      [0, 0],
      [-0, 0],
      [4294967295, 4294967295],
      [4294967296, 0],
      [4294967297, 1],
      [17 * 4294967296 + 1, 1],
      [-1, 0xffffffff],
    ];
    for (const [input, expected] of cases) expect(a.uint32(input).value, String(input)).toBe(expected);
    expect(a.uint32Max()).toBe(4294967295);
    expect(a.uint32(null).status).toBe(S.number_expected);
  });

  it('napi_get_value_int64 truncates and saturates like Node', () => {
    const cases: [number, number][] = [
      [0, 0],
      [-0, 0],
      [Number.MIN_SAFE_INTEGER, Number.MIN_SAFE_INTEGER],
      [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
      [-(2 ** 63) + (2 ** 9 + 1), -(2 ** 63) + (2 ** 9 + 1)],
      [2 ** 63 - (2 ** 9 + 1), 2 ** 63 - (2 ** 9 + 1)],
      [-Number.MIN_VALUE, 0],
      [Number.MIN_VALUE, 0],
      [-Number.MAX_VALUE, -(2 ** 63)],
      [Number.MAX_VALUE, 2 ** 63],
      [-(2 ** 63) + 2 ** 9, -(2 ** 63)],
      [2 ** 63 - 2 ** 9, 2 ** 63],
      [Infinity, 0],
      [-Infinity, 0],
      [NaN, 0],
    ];
    for (const [input, expected] of cases) expect(a.int64(input).value, String(input)).toBe(expected);
    expect(a.int64Text(2 ** 63)).toBe('9223372036854775807');
    expect(a.int64Text(-(2 ** 63))).toBe('-9223372036854775808');
    expect(a.int64Text(-1.9)).toBe('-1');
    expect(a.int64Text(2 ** 53)).toBe('9007199254740992');
    expect(a.int64Text(-(2 ** 40) - 3)).toBe('-1099511627779');
  });

  it('napi_create_int64 converts int64 to the nearest double', () => {
    expect(a.int64Constants()).toEqual([2 ** 63, -(2 ** 63), 2 ** 53, -1, 0]);
  });

  it('booleans and the singletons', () => {
    expect(a.getBool(true)).toEqual({ status: S.ok, value: true });
    expect(a.getBool(false)).toEqual({ status: S.ok, value: false });
    expect(a.getBool(1).status).toBe(S.boolean_expected);
    expect(a.singletons()).toEqual([undefined, null, globalThis, true, false]);
    expect(a.singletons()[2]).toBe(globalThis);
  });

  it('napi_strict_equals is ===', () => {
    const o = {};
    expect(a.strictEquals(1, 1)).toBe(true);
    expect(a.strictEquals(NaN, NaN)).toBe(false);
    expect(a.strictEquals(0, -0)).toBe(true);
    expect(a.strictEquals('ab', 'a' + 'b')).toBe(true);
    expect(a.strictEquals({}, {})).toBe(false);
    expect(a.strictEquals(o, o)).toBe(true);
    expect(a.strictEquals(1, '1')).toBe(false);
  });

  it('externals are frozen null-prototype objects carrying a pointer', () => {
    const e = a.makeExternal(42);
    expect(typeof e).toBe('object');
    expect(Object.getPrototypeOf(e)).toBe(null);
    expect(Object.isFrozen(e)).toBe(true);
    expect(a.externalValue(e)).toEqual({ status: S.ok, value: 42 });
    expect(a.externalValue({}).status).toBe(S.invalid_arg);
    expect(a.externalValue(1).status).toBe(S.invalid_arg);
  });

  it('napi_create_symbol takes a string description or none', () => {
    const withDesc = a.makeSymbol('desc');
    expect(withDesc.status).toBe(S.ok);
    expect(typeof withDesc.value).toBe('symbol');
    expect(withDesc.value.description).toBe('desc');
    expect(a.makeSymbol(undefined).value.description).toBe(undefined);
    expect(a.makeSymbol(1).status).toBe(S.string_expected);
  });

  it('a NULL required pointer (or env) gives napi_invalid_arg', () => {
    expect(a.nullArgs()).toEqual(Array(8).fill(S.invalid_arg));
  });

  it('napi_get_last_error_info describes the previous call with Node’s messages', () => {
    const [first, again, afterOk, sameStruct] = a.lastError();
    expect(first).toEqual({ code: S.number_expected, message: 'A number was expected' });
    expect(again).toEqual(first);
    expect(afterOk).toEqual({ code: S.ok, message: null });
    expect(sameStruct).toBe(true);
  });
});

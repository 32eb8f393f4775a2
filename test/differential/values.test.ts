// fixtures/api-values built natively with node-gyp and to Wasm must answer
// alike: napi_typeof, numbers, booleans, napi_coerce_*, symbols, externals,
// strict equality and the last-error info.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from '../helpers/paths.js';
import { loadBoth, observe } from './oracle.js';

type Addon = any;

const throwingValueOf = { valueOf() { throw new Error('valueOf threw'); } };
const throwingToString = { toString() { throw new TypeError('toString threw'); } };
const toPrimitive = { [Symbol.toPrimitive]: (hint: string) => (hint === 'number' ? 42 : `hint:${hint}`) };
const inputs: [string, unknown][] = [
  ['undefined', undefined], ['null', null], ['true', true], ['false', false], ['0', 0], ['-0', -0], ['NaN', NaN],
  ['1.5', 1.5], ['-Infinity', -Infinity], ['""', ''], ['"0"', '0'], ['" 12 "', ' 12 '], ['"abc"', 'abc'],
  ['10n', 10n], ['Symbol', Symbol('s')], ['{}', {}], ['[]', []], ['[5]', [5]], ['[1,2]', [1, 2]],
  ['function', function f() {}], ['Date(0)', new Date(0)], ['valueOf throws', throwingValueOf],
  ['toString throws', throwingToString], ['Symbol.toPrimitive', toPrimitive], ['Object(1)', Object(1)],
];
const numbers = [0, -0, 1, -1, 1.5, -1.5, 2 ** 31, 2 ** 31 - 1, -(2 ** 31), 2 ** 32, 2 ** 32 + 1, 2 ** 53, -(2 ** 53) - 2,
  2 ** 63, -(2 ** 63), 2 ** 64, 1e300, -1e300, NaN, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE];

/** Coerced values as data (objects by type, symbols by description). */
function coerced(r: { status: number; value: unknown; error?: unknown }) {
  const v = r.value;
  const shown = typeof v === 'object' && v !== null ? `object ${Object.prototype.toString.call(v)} ${String((v as object).valueOf())}` : v;
  return { ...r, value: Object.is(v, -0) ? '-0' : shown };
}

describe('values: native (node-gyp) vs Wasm', async () => {
  const { native, wasm } = await loadBoth<Addon>(path.join(fixturesDir, 'api-values'), 'api_values');

  const scenarios: [string, (a: Addon) => unknown][] = [
    ...['bool', 'number', 'object', 'string'].flatMap((kind, k) =>
      inputs.map(([name, v]): [string, (a: Addon) => unknown] => [`coerce to ${kind}: ${name}`, (a) => coerced(a.coerce(k, v))]),
    ),
    ...[0, 1, 2, 3].map((k): [string, (a: Addon) => unknown] => [`coerce ${k} with NULL arguments`, (a) => a.coerceNull(k)]),
    ['typeof', (a) => inputs.map(([, v]) => a.typeOf(v))],
    ...numbers.map((n): [string, (a: Addon) => unknown] => [`numbers: ${n}`, (a) => [a.getDouble(n), a.int32(n), a.uint32(n), a.int64(n), a.int64Text(n)]]),
    ['number_expected', (a) => ['1', 1n, null, new Number(1)].map((v) => [a.getDouble(v).status, a.int32(v).status, a.uint32(v).status, a.int64(v).status])],
    ['int64 constants', (a) => a.int64Constants()],
    ['uint32 max', (a) => a.uint32Max()],
    ['booleans', (a) => [true, false, 0, 'true', null].map((v) => a.getBool(v))],
    ['singletons', (a) => a.singletons().map((v: unknown) => (v === globalThis ? 'global' : v))],
    ['strict equals', (a) => [[1, 1], [1, '1'], [NaN, NaN], [0, -0], [{}, {}], [null, undefined], ['a', 'a']].map(([x, y]) => a.strictEquals(x, y))],
    ['externals', (a) => {
      const e = a.makeExternal(42);
      return [a.typeOf(e), a.externalValue(e), a.externalValue({}), Object.isFrozen(e), Object.getPrototypeOf(e), Object.keys(e)];
    }],
    ['symbols', (a) => ['d', undefined, 5].map((d) => {
      const r = a.makeSymbol(d);
      return [r.status, typeof r.value, typeof r.value === 'symbol' ? r.value.description : r.value];
    })],
    ['NULL arguments', (a) => a.nullArgs()],
    ['last error info', (a) => a.lastError()],
  ];

  it.each(scenarios)('%s', (_name, run) => {
    expect(observe(() => run(wasm))).toEqual(observe(() => run(native)));
  });
});

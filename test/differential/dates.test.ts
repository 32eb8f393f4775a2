// fixtures/api-dates built natively with node-gyp and to Wasm must answer alike.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from '../helpers/paths.js';
import { loadBoth, observe } from './oracle.js';

type Addon = any;
const times = [0, 1549183351, 1.9, -1.9, NaN, Infinity, 8.64e15, 8.64e15 + 1, -8.64e15, -0];

describe('Dates: native (node-gyp) vs Wasm', async () => {
  const { native, wasm } = await loadBoth<Addon>(path.join(fixturesDir, 'api-dates'), 'api_dates');
  class MyDate extends Date {}
  const candidates: [string, unknown][] = [
    ['a Date', new Date(3)], ['a subclass', new MyDate(4)], ['an invalid Date', new Date(NaN)], ['a number', 5],
    ['a fake', Object.create(Date.prototype)], ['a Proxy', new Proxy(new Date(), {})], ['a string', '2020'], ['null', null],
  ];

  const scenarios: [string, (a: Addon) => unknown][] = [
    ...times.map((t): [string, (a: Addon) => unknown] => [`create(${t})`, (a) => {
      const r = a.create(t);
      return [r.status, r.value instanceof Date, Object.is(r.value.getTime(), -0) ? '-0' : r.value.getTime()];
    }]),
    ...candidates.map(([name, v]): [string, (a: Addon) => unknown] => [`isDate(${name})`, (a) => a.isDate(v)]),
    ...candidates.map(([name, v]): [string, (a: Addon) => unknown] => [`value(${name})`, (a) => a.value(v)]),
    ['argument checks', (a) => a.dateEdgeCases()],
  ];

  it.each(scenarios)('%s', (_name, run) => {
    expect(observe(() => run(wasm))).toEqual(observe(() => run(native)));
  });
});

// fixtures/api-symbols built natively with node-gyp and to Wasm must answer alike.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from '../helpers/paths.js';
import { loadBoth, observe } from './oracle.js';

type Addon = any;
const describeSymbol = (r: { status: number; value: unknown }) => [r.status, typeof r.value, typeof r.value === 'symbol' ? r.value.description : r.value];

describe('symbols: native (node-gyp) vs Wasm', async () => {
  const { native, wasm } = await loadBoth<Addon>(path.join(fixturesDir, 'api-symbols'), 'api_symbols');

  const scenarios: [string, (a: Addon) => unknown][] = [
    ...['desc', '', undefined, 5, null].map((d): [string, (a: Addon) => unknown] => [`create(${String(d)})`, (a) => describeSymbol(a.create(d))]),
    ['two symbols with one description differ', (a) => a.create('x').value === a.create('x').value],
    ...([['key', -1], ['key', 2], ['héllo', -1], [undefined, 0], [undefined, -1], ['', 0]] as const).map(
      ([t, n]): [string, (a: Addon) => unknown] => [`symbolFor(${String(t)}, ${n})`, (a) => a.symbolFor(t, n)],
    ),
    ['symbol keys', (a) => {
      const o: Record<symbol, unknown> = {};
      const key = Symbol('k');
      return [a.keyed(o, key, 1), o[key], a.keyed(o, Symbol.for('shared'), 2), Object.getOwnPropertySymbols(o).length];
    }],
  ];

  it.each(scenarios)('%s', (_name, run) => {
    expect(observe(() => run(wasm))).toEqual(observe(() => run(native)));
  });
});

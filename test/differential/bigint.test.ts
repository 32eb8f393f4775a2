// fixtures/api-bigint built natively with node-gyp and to Wasm must answer alike.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from '../helpers/paths.js';
import { loadBoth, observe } from './oracle.js';

type Addon = any;
const values = [0n, 1n, -1n, 2n ** 63n - 1n, 2n ** 63n, -(2n ** 63n), -(2n ** 63n) - 1n, 2n ** 64n - 1n, 2n ** 64n + 5n, -(2n ** 64n), 2n ** 200n + 3n, 5, '5'];

describe('BigInt: native (node-gyp) vs Wasm', async () => {
  const { native, wasm } = await loadBoth<Addon>(path.join(fixturesDir, 'api-bigint'), 'api_bigint');

  const scenarios: [string, (a: Addon) => unknown][] = [
    ...values.map((v): [string, (a: Addon) => unknown] => [`toInt64(${String(v)})`, (a) => a.toInt64(v)]),
    ...values.map((v): [string, (a: Addon) => unknown] => [`toUint64(${String(v)})`, (a) => a.toUint64(v)]),
    ...values.flatMap((v) => [-1, 0, 1, 4].map((n): [string, (a: Addon) => unknown] => [`toWords(${String(v)}, ${n})`, (a) => a.toWords(v, n)])),
    ['fromInt64 extremes', (a) => ['-9223372036854775808', '9223372036854775807', '0', '-1'].map((t) => a.fromInt64(t))],
    ['fromUint64 extremes', (a) => ['18446744073709551615', '0', '9223372036854775808'].map((t) => a.fromUint64(t))],
    ['fromWords', (a) => [a.fromWords(1, ['3', '1']), a.fromWords(0, ['18446744073709551615', '18446744073709551615']),
      a.fromWords(1, []), a.fromWords(0, ['0', '0']), a.fromWords(1, ['0']), a.fromWords(5, ['1'])]],
    ['argument checks', (a) => a.bigIntEdgeCases()],
    ['too many words', (a) => a.tooBig()],
  ];

  it.each(scenarios)('%s', (_name, run) => {
    expect(observe(() => run(wasm))).toEqual(observe(() => run(native)));
  });
});

// fixtures/hello built natively with node-gyp and to Wasm must answer alike.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from '../helpers/paths.js';
import { loadBoth, observe } from './oracle.js';

interface Hello {
  hello(): string;
  add(a: unknown, b: unknown): number;
  fill(buffer: Uint8Array, offset: number, length: number, byte: number): void;
}

describe('hello: native (node-gyp) vs Wasm', async () => {
  const { native, wasm } = await loadBoth<Hello>(path.join(fixturesDir, 'hello'), 'hello');

  const scenarios: [string, (a: Hello) => unknown][] = [
    ['hello()', (a) => a.hello()],
    ['exports', (a) => Object.getOwnPropertyNames(a).map((k) => [k, typeof (a as any)[k], (a as any)[k].name, (a as any)[k].length])],
    ['add(2, 3)', (a) => a.add(2, 3)],
    ['add(0.1, 0.2)', (a) => a.add(0.1, 0.2)],
    ['add(-1e308, -1e308)', (a) => a.add(-1e308, -1e308)],
    ['add(NaN, 1)', (a) => a.add(NaN, 1)],
    ['add(1)', (a) => a.add(1, undefined)],
    ['add("1", 2)', (a) => a.add('1', 2)],
    ['fill at an offset', (a) => {
      const b = Buffer.alloc(10, 1);
      a.fill(b, 3, 4, 9);
      return [...b];
    }],
    ['fill a Uint8Array view', (a) => {
      const backing = new Uint8Array(16);
      const view = backing.subarray(4, 12);
      a.fill(view, 2, 3, 7);
      return [...backing];
    }],
    ['fill past the end', (a) => a.fill(Buffer.alloc(4), 2, 4, 1)],
  ];

  it.each(scenarios)('%s', (_name, run) => {
    expect(observe(() => run(wasm))).toEqual(observe(() => run(native)));
  });
});

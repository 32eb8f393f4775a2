// fixtures/api-promises built natively with node-gyp and to Wasm must answer alike.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from '../helpers/paths.js';
import { loadBoth, observe, observeAsync } from './oracle.js';

type Addon = any;

/** How a promise settles, and in which order relative to a plain microtask chain. */
async function settle(p: Promise<unknown>): Promise<unknown> {
  const order: string[] = [];
  const tracked = p.then((v) => (order.push('settled'), { resolved: v }), (e) => (order.push('settled'), { rejected: e }));
  Promise.resolve().then(() => order.push('tick 1')).then(() => order.push('tick 2')).then(() => order.push('tick 3'));
  const outcome = await tracked;
  await new Promise((r) => setTimeout(r, 0));
  return { outcome, order };
}

describe('Promises: native (node-gyp) vs Wasm', async () => {
  const { native, wasm } = await loadBoth<Addon>(path.join(fixturesDir, 'api-promises'), 'api_promises');

  const sync: [string, (a: Addon) => unknown][] = [
    ['isPromise', (a) => {
      class MyPromise extends Promise<void> {}
      return [Promise.resolve(), MyPromise.resolve(), { then() {} }, new Proxy(Promise.resolve(), {}),
        Object.create(Promise.prototype), undefined, 5].map((v) => a.isPromise(v));
    }],
    ['argument checks', (a) => a.promiseEdgeCases()],
  ];
  it.each(sync)('%s', (_name, run) => {
    expect(observe(() => run(wasm))).toEqual(observe(() => run(native)));
  });

  const later: [string, (a: Addon) => Promise<unknown>][] = [
    ['resolved at once', (a) => settle(a.make(true, true, 5))],
    ['rejected at once', (a) => settle(a.make(true, false, 'no'))],
    ['resolved at once with a thenable', (a) => settle(a.make(true, true, { then: (r: (v: number) => void) => r(7) }))],
    ['resolved at once with a promise', (a) => settle(a.make(true, true, Promise.resolve(8)))],
    ['resolved later', async (a) => {
      const p = a.make(false, true, undefined);
      const status = a.settle(true, 9);
      return [status, await settle(p)];
    }],
    ['rejected later', async (a) => {
      const p = a.make(false, true, undefined);
      const status = a.settle(false, 10);
      return [status, await settle(p)];
    }],
  ];
  it.each(later)('%s', async (_name, run) => {
    expect(await observeAsync(() => run(wasm))).toEqual(await observeAsync(() => run(native)));
  });
});

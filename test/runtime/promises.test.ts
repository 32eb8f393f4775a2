import { describe, expect, it } from 'vitest';
import { NapiStatus as S } from '../../runtime/index.js';
import { loadFixture } from './load.js';

describe('Promises (fixtures/api-promises)', async () => {
  const a = await loadFixture('api-promises');

  it('resolves and rejects at once', async () => {
    await expect(a.make(true, true, 5)).resolves.toBe(5);
    const error = new Error('no');
    await expect(a.make(true, false, error)).rejects.toBe(error);
  });

  it('settles on a later call, also with a thenable', async () => {
    const p = a.make(false, true, undefined);
    let settled = false;
    p.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    expect(a.settle(true, { then: (resolve: (v: number) => void) => resolve(42) })).toBe(S.ok);
    await expect(p).resolves.toBe(42);
    const q = a.make(false, true, undefined);
    expect(a.settle(false, 'reason')).toBe(S.ok);
    await expect(q).rejects.toBe('reason');
  });

  it('napi_is_promise: native promises and subclasses only', () => {
    class MyPromise extends Promise<void> {}
    expect(a.isPromise(Promise.resolve())).toBe(true);
    expect(a.isPromise(a.make(true, true, 1))).toBe(true);
    expect(a.isPromise(MyPromise.resolve())).toBe(true);
    expect(a.isPromise({ then() {} })).toBe(false);
    expect(a.isPromise(new Proxy(Promise.resolve(), {}))).toBe(false);
    expect(a.isPromise(Object.create(Promise.prototype))).toBe(false);
    expect(a.isPromise(undefined)).toBe(false);
  });

  it('argument checks', () => {
    expect(a.promiseEdgeCases()).toEqual([S.invalid_arg, S.invalid_arg, S.invalid_arg, S.invalid_arg]);
  });
});

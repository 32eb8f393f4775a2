import { describe, expect, it } from 'vitest';
import { NapiStatus as S } from '../../runtime/index.js';
import { loadNativeFixture, loadWasm, until } from './helpers.js';

type Callback = (error: Error | null, value?: number) => void;

interface AddonApi {
  sumAsync(n: number, callback: Callback): void;
  hashAsync(text: string): Promise<Buffer>;
  countAsync(n: number, onProgress: (i: number) => void, onDone: Callback): void;
  tick(n: number, callback: (i: number) => void, onFinalize: () => void): number[];
}

function call<T>(start: (done: (error: Error | null, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value!))));
}

describe('node-addon-api AsyncWorker and ThreadSafeFunction (fixtures/node-api-addon-api)', async () => {
  const wasm = await loadWasm<AddonApi>('node-api-addon-api');
  const native = loadNativeFixture<AddonApi>('node-api-addon-api', 'node_api_addon_api');
  const both = [
    ['wasm', wasm],
    ['native', native],
  ] as const;

  it.each(both)('%s: an AsyncWorker with a callback (bcrypt style): OnOK, and SetError -> OnError', async (_, a) => {
    expect(await call<number>((done) => a.sumAsync(100, done))).toBe(5050);
    await expect(call((done) => a.sumAsync(-1, done))).rejects.toThrow('n must not be negative');
  });

  it.each(both)('%s: an AsyncWorker that settles a Promise (argon2 style)', async (_, a) => {
    const hash = await a.hashAsync('hello');
    expect(Buffer.isBuffer(hash)).toBe(true);
    expect(hash.toString('hex')).toBe('a430d84680aabd0b');
    await expect(a.hashAsync('')).rejects.toThrow('nothing to hash');
  });

  it.each(both)('%s: several Promise workers at once all settle', async (_, a) => {
    const hashes = await Promise.all(['a', 'b', 'c'].map((t) => a.hashAsync(t)));
    expect(hashes.map((h) => h.toString('hex'))).toEqual(['af63dc4c8601ec8c', 'af63df4c8601f1a5', 'af63de4c8601eff2']);
  });

  it.each(both)('%s: an AsyncProgressQueueWorker delivers every progress item before OnOK', async (_, a) => {
    const progress: number[] = [];
    expect(await call<number>((done) => a.countAsync(5, (i) => progress.push(i), done))).toBe(5);
    expect(progress).toEqual([1, 2, 3, 4, 5]);
  });

  it.each(both)('%s: a ThreadSafeFunction called from the main thread, then its finalizer', async (_, a) => {
    const calls: number[] = [];
    let finalized = false;
    expect(a.tick(3, (i) => calls.push(i), () => (finalized = true))).toEqual([S.ok, S.ok, S.ok, S.ok]);
    expect(calls).toEqual([]);
    await until(() => finalized);
    expect(calls).toEqual([1, 2, 3]);
  });
});

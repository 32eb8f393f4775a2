import { describe, expect, it } from 'vitest';
import { NapiStatus as S } from '../../runtime/index.js';
import { catchProcessEvents, loadNativeFixture, loadWasm, turn, until } from './helpers.js';

type Call = [status: number, label: number, executed: boolean, cancelStatus: number];

interface AsyncWork {
  queue(label: number, cb: (...call: Call) => void): number;
  queueAndCancel(label: number, cb: (...call: Call) => void): number;
  queueCancelInComplete(label: number, cb: (...call: Call) => void): number;
  queueThrowing(label: number, cb: (...call: Call) => void): number;
  queueWithoutComplete(): number;
  executeCount(): number;
  createChecks(resource: unknown, name: unknown): { status: number; pending: boolean }[];
  nullChecks(): number[];
}

describe('async work (fixtures/node-api-async-work)', async () => {
  const wasm = await loadWasm<AsyncWork>('node-api-async-work');
  const native = loadNativeFixture<AsyncWork>('node-api-async-work', 'node_api_async_work');
  const both = [
    ['wasm', wasm],
    ['native', native],
  ] as const;

  /** Queues with `how` and resolves with the complete callback's arguments. */
  async function completion(a: AsyncWork, how: keyof AsyncWork, label: number): Promise<{ queued: number; call: Call }> {
    let call: Call | undefined;
    const queued = (a[how] as (l: number, cb: (...c: Call) => void) => number)(label, (...c) => (call = c));
    await until(() => call !== undefined);
    return { queued, call: call! };
  }

  it('execute runs later on the event loop, never inside the call that queued it', async () => {
    const before = wasm.executeCount();
    const calls: Call[] = [];
    expect(wasm.queue(1, (...c) => calls.push(c))).toBe(S.ok);
    expect(wasm.executeCount()).toBe(before);
    expect(calls).toEqual([]);
    await until(() => calls.length === 1);
    expect(wasm.executeCount()).toBe(before + 1);
  });

  it.each(both)('%s: complete gets napi_ok after execute', async (_, a) => {
    expect(await completion(a, 'queue', 7)).toEqual({ queued: S.ok, call: [S.ok, 7, true, -1] });
  });

  it('a work cancelled before its turn gets only its complete, with napi_cancelled', async () => {
    const before = wasm.executeCount();
    expect(await completion(wasm, 'queueAndCancel', 3)).toEqual({ queued: S.ok, call: [S.cancelled, 3, false, -1] });
    expect(wasm.executeCount()).toBe(before);
  });

  it.each(both)('%s: cancelling a work that has run gives napi_generic_failure', async (_, a) => {
    expect((await completion(a, 'queueCancelInComplete', 4)).call).toEqual([S.ok, 4, true, S.generic_failure]);
  });

  it('several works run in queue order, one per macrotask, microtasks drained after each complete', async () => {
    const log: string[] = [];
    for (const label of [1, 2, 3]) {
      wasm.queue(label, () => {
        log.push(`complete ${label}`);
        void Promise.resolve().then(() => log.push(`microtask ${label}`));
      });
    }
    setImmediate(() => log.push('a setImmediate queued after them'));
    await until(() => log.length === 7);
    expect(log).toEqual([
      'complete 1',
      'microtask 1',
      'a setImmediate queued after them',
      'complete 2',
      'microtask 2',
      'complete 3',
      'microtask 3',
    ]);
  });

  it.each(both)('%s: each complete is followed by its own microtasks', async (_, a) => {
    const log: string[] = [];
    for (const label of [1, 2, 3]) {
      a.queue(label, () => {
        log.push(`complete ${label}`);
        void Promise.resolve().then(() => log.push(`microtask ${label}`));
      });
    }
    await until(() => log.length === 6);
    for (let i = 0; i < 6; i += 2) expect(log[i + 1]).toBe(log[i]!.replace('complete', 'microtask'));
  });

  it.each(both)('%s: a throw from complete reaches process "uncaughtException" with its code', async (_, a) => {
    const { uncaught } = await catchProcessEvents(async (caught) => {
      a.queueThrowing(5, () => {});
      await until(() => caught.uncaught.length > 0);
    });
    expect(uncaught).toHaveLength(1);
    expect(uncaught[0]).toMatchObject({ message: 'thrown from complete', code: 'E_COMPLETE' });
  });

  it('a work without complete only executes', async () => {
    const before = wasm.executeCount();
    expect(wasm.queueWithoutComplete()).toBe(S.ok);
    await until(() => wasm.executeCount() === before + 1);
  });

  it.each(both)('%s: argument checks', (_, a) => {
    expect(a.createChecks({}, 'name')).toEqual([
      { status: S.ok, pending: false },
      { status: S.invalid_arg, pending: false },
      { status: S.invalid_arg, pending: false },
      { status: S.invalid_arg, pending: false },
    ]);
    expect(a.createChecks(5, 'name')[0]).toEqual({ status: S.ok, pending: false });
    expect(a.nullChecks()).toEqual([S.invalid_arg, S.invalid_arg, S.invalid_arg]);
  });

  it('a resource that is not an object, or a name that is not a string, fails with the exception pending', () => {
    expect(wasm.createChecks(undefined, 'name')[0]).toEqual({ status: S.object_expected, pending: true });
    expect(wasm.createChecks({}, Symbol('s'))[0]).toEqual({ status: S.string_expected, pending: true });
    // Node converts without a TryCatch here: the TypeError is not visible to
    // napi_is_exception_pending and reaches JS even after C cleared it.
    expect(() => native.createChecks(undefined, 'name')).toThrow(TypeError);
    expect(() => native.createChecks({}, Symbol('s'))).toThrow(TypeError);
  });

  it('native and wasm agree on the whole sequence for one work at a time', async () => {
    const run = async (a: AsyncWork) => [
      await completion(a, 'queue', 1),
      await completion(a, 'queueCancelInComplete', 2),
      (await turn(), a.nullChecks()),
    ];
    expect(await run(wasm)).toEqual(await run(native));
  });
});

import { describe, expect, it } from 'vitest';
import { NapiStatus as S } from '../../runtime/index.js';
import { catchProcessEvents, loadNativeFixture, loadWasm, runInChild, until } from './helpers.js';

interface Tsfn {
  start(fn: ((...args: unknown[]) => void) | undefined, maxQueueSize: number, initialThreadCount: number, withCallJs: boolean): number;
  call(i: number, blocking: boolean): number;
  acquire(): number;
  release(abort: boolean): number;
  ref(): number;
  unref(): number;
  contextIsRight(): boolean;
  events(): string[];
  isOpen(): boolean;
  createChecks(notAFunction: unknown): number[];
}

const NAME = 'node-api-tsfn';
const TARGET = 'node_api_tsfn';

describe('threadsafe functions (fixtures/node-api-tsfn)', async () => {
  const wasm = await loadWasm<Tsfn>(NAME);
  const native = loadNativeFixture<Tsfn>(NAME, TARGET);
  const both = [
    ['wasm', wasm],
    ['native', native],
  ] as const;

  async function finalized(a: Tsfn): Promise<string[]> {
    await until(() => !a.isOpen());
    return a.events();
  }

  it.each(both)('%s: calls run later, in order, microtasks after each call_js; the finalizer after the last', async (_, a) => {
    const log: string[] = [];
    const fn = (i: unknown) => {
      log.push(`js ${i}`);
      void Promise.resolve().then(() => log.push(`microtask ${i}`));
    };
    expect(a.start(fn, 0, 1, true)).toBe(S.ok);
    expect(a.contextIsRight()).toBe(true);
    expect([1, 2, 3].map((i) => a.call(i, false))).toEqual([S.ok, S.ok, S.ok]);
    expect(log).toEqual([]);
    expect(a.release(false)).toBe(S.ok);
    expect(await finalized(a)).toEqual(['call_js 1', 'call_js 2', 'call_js 3', 'finalize']);
    expect(log).toEqual(['js 1', 'microtask 1', 'js 2', 'microtask 2', 'js 3', 'microtask 3']);
  });

  it.each(both)('%s: abort: the finalizer runs first, then call_js(env = NULL) for each item still queued', async (_, a) => {
    const log: unknown[] = [];
    expect(a.start((i) => log.push(i), 0, 1, true)).toBe(S.ok);
    [1, 2, 3].forEach((i) => a.call(i, false));
    expect(a.release(true)).toBe(S.ok);
    // The thread count is 0 and the function is closing.
    expect([a.call(4, false), a.release(false), a.acquire()]).toEqual([S.invalid_arg, S.invalid_arg, S.closing]);
    expect(await finalized(a)).toEqual(['finalize', 'teardown 1', 'teardown 2', 'teardown 3']);
    expect(log).toEqual([]);
  });

  it.each(both)('%s: a call on a closing function with threads left gives napi_closing and counts that thread out', async (_, a) => {
    expect(a.start(() => {}, 0, 2, true)).toBe(S.ok);
    expect(a.release(true)).toBe(S.ok);
    expect(a.call(1, false)).toBe(S.closing);
    expect(a.call(2, false)).toBe(S.invalid_arg);
    expect(await finalized(a)).toEqual(['finalize']);
  });

  it.each(both)('%s: acquire and release count threads; the function closes when the count reaches 0', async (_, a) => {
    expect(a.start(() => {}, 0, 1, true)).toBe(S.ok);
    expect(a.acquire()).toBe(S.ok);
    expect(a.release(false)).toBe(S.ok);
    expect(a.call(1, false)).toBe(S.ok);
    expect(a.release(false)).toBe(S.ok);
    expect(await finalized(a)).toEqual(['call_js 1', 'finalize']);
  });

  it.each(both)('%s: max queue size: a non-blocking call on a full queue gives napi_queue_full', async (_, a) => {
    expect(a.start(() => {}, 2, 1, true)).toBe(S.ok);
    expect([1, 2, 3].map((i) => a.call(i, false))).toEqual([S.ok, S.ok, S.queue_full]);
    expect(a.release(false)).toBe(S.ok);
    expect(await finalized(a)).toEqual(['call_js 1', 'call_js 2', 'finalize']);
  });

  it('a blocking call on a full queue gives napi_would_deadlock instead of hanging the only thread', async () => {
    expect(wasm.start(() => {}, 1, 1, true)).toBe(S.ok);
    expect(wasm.call(1, true)).toBe(S.ok);
    expect(wasm.call(2, true)).toBe(S.would_deadlock);
    expect(wasm.release(false)).toBe(S.ok);
    expect(await finalized(wasm)).toEqual(['call_js 1', 'finalize']);
  });

  it.each(both)('%s: without call_js the function is called with no arguments', async (_, a) => {
    const calls: unknown[][] = [];
    expect(
      a.start(
        function (this: unknown, ...args: unknown[]) {
          calls.push([this, ...args]);
        },
        0,
        1,
        false,
      ),
    ).toBe(S.ok);
    a.call(1, false);
    a.call(2, false);
    a.release(false);
    expect(await finalized(a)).toEqual(['finalize']);
    expect(calls).toEqual([[undefined], [undefined]]);
  });

  it.each(both)('%s: without a function call_js gets a NULL js_callback', async (_, a) => {
    expect(a.start(undefined, 0, 1, true)).toBe(S.ok);
    a.call(1, false);
    a.release(false);
    expect(await finalized(a)).toEqual(['call_js 1 (no function)', 'finalize']);
  });

  it.each(both)('%s: argument checks', (_, a) => {
    expect(a.createChecks({})).toEqual([S.invalid_arg, S.invalid_arg, S.invalid_arg, S.invalid_arg, S.invalid_arg]);
  });

  it.each(both)('%s: a throw from the JS function only warns (DEP0168), as in Node 20', async (_, a) => {
    const { uncaught, warnings } = await catchProcessEvents(async (caught) => {
      a.start(() => {
        throw new Error('from js');
      }, 0, 1, false);
      a.call(1, false);
      a.release(false);
      await finalized(a);
      await until(() => caught.warnings.length > 0);
    });
    expect(uncaught).toEqual([]);
    expect(warnings.map((w) => [w.name, (w as { code?: string }).code])).toEqual([['DeprecationWarning', 'DEP0168']]);
  });

  it.each(['native', 'wasm'] as const)('%s: a ref\'d function keeps Node alive until released; an unref\'d one does not', async (kind) => {
    const script = (unref: boolean) => `
      addon.start(() => {}, 0, 1, true);
      ${unref ? 'addon.unref();' : ''}
      setTimeout(() => { console.log('timer'); addon.release(false); }, 200).unref();
      process.on('exit', () => console.log('exit ' + addon.events().join(', ')));`;
    expect((await runInChild(kind, NAME, TARGET, script(false))).stdout).toEqual(['timer', 'exit finalize']);
    expect((await runInChild(kind, NAME, TARGET, script(true))).stdout).toEqual(['exit ']);
  });
});

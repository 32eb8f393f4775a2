import { describe, expect, it } from 'vitest';
import { NapiStatus as S } from '../../runtime/index.js';
import { loadNativeFixture, loadWasm } from './helpers.js';

/** napi_test.h's outcome(): `error` is there when the call left an exception pending. */
interface Outcome {
  status: number;
  value: unknown;
  error?: unknown;
  destroyed?: number;
}

interface AsyncContext {
  asyncInit(resource: unknown, name: unknown): Outcome;
  makeCallback(withContext: boolean, recv: unknown, fn: unknown, ...args: unknown[]): Outcome;
  makeCallbackChecks(fn: unknown): number[];
  scopes(fn: () => void): number[];
  scopeChecks(): number[];
}

/** A call's outcome with `pending`, and the error by class and message. */
function plain(o: Outcome): unknown {
  const e = o.error as Error | undefined;
  return { ...o, pending: 'error' in o, error: e === undefined ? undefined : `${e.constructor.name}: ${e.message}` };
}

describe('async context (fixtures/node-api-async-context)', async () => {
  const wasm = await loadWasm<AsyncContext>('node-api-async-context');
  const native = loadNativeFixture<AsyncContext>('node-api-async-context', 'node_api_async_context');
  const both = [
    ['wasm', wasm],
    ['native', native],
  ] as const;

  it.each(both)('%s: napi_async_init and napi_async_destroy', (_, a) => {
    expect(plain(a.asyncInit(null, 'name'))).toMatchObject({ status: S.ok, destroyed: S.ok, pending: false });
    expect(plain(a.asyncInit({}, 'name'))).toMatchObject({ status: S.ok, destroyed: S.ok });
    expect(plain(a.asyncInit(5, 42))).toMatchObject({ status: S.ok, destroyed: S.ok });
  });

  it('napi_async_init with undefined as resource: napi_object_expected, TypeError pending', () => {
    expect(plain(wasm.asyncInit(undefined, 'name'))).toMatchObject({ status: S.object_expected, pending: true, error: expect.stringMatching(/^TypeError/) });
    // Node converts without a TryCatch: the TypeError escapes to JS.
    expect(() => native.asyncInit(undefined, 'name')).toThrow(TypeError);
  });

  it.each(both)('%s: napi_make_callback calls fn with the receiver and arguments, with or without a context', (_, a) => {
    const recv = { tag: 'recv' };
    function fn(this: unknown, ...args: unknown[]) {
      return [this, ...args];
    }
    expect(plain(a.makeCallback(true, recv, fn, 1, 'two'))).toMatchObject({ status: S.ok, value: [recv, 1, 'two'], pending: false });
    expect(a.makeCallback(false, recv, fn)).toMatchObject({ status: S.ok, value: [recv] });
    const boxed = a.makeCallback(false, 5, fn).value as unknown[];
    expect(typeof boxed[0]).toBe('object');
    expect(Number(boxed[0])).toBe(5);
  });

  it.each(both)('%s: napi_make_callback with an undefined receiver: napi_object_expected and a TypeError pending', (_, a) => {
    expect(plain(a.makeCallback(false, undefined, () => 1))).toEqual({
      status: S.object_expected,
      value: undefined,
      pending: true,
      error: expect.stringMatching(/^TypeError/),
    });
  });

  it.each(both)('%s: napi_make_callback when fn throws, or is not a function', (_, a) => {
    expect(
      plain(
        a.makeCallback(true, {}, () => {
          throw new RangeError('from fn');
        }),
      ),
    ).toEqual({ status: S.pending_exception, value: undefined, pending: true, error: 'RangeError: from fn' });
    expect(plain(a.makeCallback(false, {}, 'not a function'))).toMatchObject({ status: S.invalid_arg, pending: false });
    expect(a.makeCallbackChecks(() => {})).toEqual([S.invalid_arg, S.invalid_arg, S.invalid_arg]);
  });

  it.each(both)('%s: called from JS, napi_make_callback leaves microtasks for later', async (_, a) => {
    const log: string[] = [];
    a.makeCallback(true, {}, () => {
      log.push('fn');
      void Promise.resolve().then(() => log.push('microtask'));
    });
    log.push('returned');
    await Promise.resolve();
    expect(log).toEqual(['fn', 'returned', 'microtask']);
  });

  it.each(both)('%s: callback scopes; closing with none open is napi_callback_scope_mismatch, not recorded', (_, a) => {
    let called = 0;
    expect(a.scopes(() => void called++)).toEqual([S.ok, S.ok, S.ok, S.callback_scope_mismatch, S.ok]);
    expect(called).toBe(1);
    expect(a.scopeChecks()).toEqual([S.invalid_arg, S.invalid_arg]);
  });
});

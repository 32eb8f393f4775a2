import { afterEach, describe, expect, it } from 'vitest';
import { NapiStatus as S } from '../../runtime/index.js';
import { reportUncaught } from '../../runtime/node-api/uncaught.js';
import { catchProcessEvents, loadNativeFixture, loadWasm, runInChild, until } from './helpers.js';
import { thrown } from '../helpers/thrown.js';

interface Fatal {
  fatalError(location: string, message: string, locationLength: number): never;
  fatalException(error: unknown, after: () => void): number;
  fatalInComplete(): void;
  assertPositive(n: number): number;
  hello(): number;
}

const NAME = 'node-api-fatal';
const TARGET = 'node_api_fatal';

describe('fatal errors (fixtures/node-api-fatal)', async () => {
  it('napi_fatal_error throws ERR_NAPI_FATAL with location and message; every later call into the instance throws it', async () => {
    const a = await loadWasm<Fatal>(NAME);
    expect(a.hello()).toBe(1);
    const error = thrown(() => a.fatalError('fatal.c:10 and more', 'it broke', 10));
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('node-api-fatal: FATAL ERROR: fatal.c:10 it broke');
    expect([error.code, error.location, error.reason]).toEqual(['ERR_NAPI_FATAL', 'fatal.c:10', 'it broke']);
    expect(thrown(() => a.hello())).toBe(error);
    expect(thrown(() => a.fatalException(new Error(), () => {}))).toBe(error);
    // Another instance of the same addon lives on.
    expect((await loadWasm<Fatal>(NAME)).hello()).toBe(1);
  });

  it('natively the same call aborts the process with the same words', async () => {
    const { stderr, status } = await runInChild('native', NAME, TARGET, "addon.fatalError('fatal.c:10', 'it broke', -1)");
    expect(status).toBe(null); // killed by SIGABRT
    expect(stderr.join('\n')).toContain('FATAL ERROR: fatal.c:10 it broke');
  });

  it('napi_fatal_error in a complete callback is reported as uncaught, and the instance is dead', async () => {
    const a = await loadWasm<Fatal>(NAME);
    const { uncaught } = await catchProcessEvents(async () => {
      a.fatalInComplete();
      await until(() => {
        try {
          a.hello();
          return false;
        } catch {
          return true;
        }
      });
    });
    expect(uncaught).toHaveLength(1);
    expect(uncaught[0]).toMatchObject({ code: 'ERR_NAPI_FATAL', location: 'fatal.c:complete', reason: 'from a complete callback' });
    expect(thrown(() => a.hello())).toBe(uncaught[0]);
  });

  it('a failed assert() prints what glibc prints and ends the instance (napi-shims/libc/assert.c)', async () => {
    const stderr: string[] = [];
    const a = await loadWasm<Fatal>(NAME, { stderr: (line) => stderr.push(line) });
    expect(a.assertPositive(3)).toBe(3);
    const error = thrown(() => a.assertPositive(-1));
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/^node-api-fatal: an assertion failed in assertPositive\(\): \S*fatal\.c:\d+: AssertPositive: Assertion `value > 0' failed\.$/);
    expect(stderr).toEqual([error.message.slice(error.message.indexOf('): ') + 3)]);
    expect(thrown(() => a.hello())).toBe(error);
  });

  it('natively a failed assert() aborts the process with the same words', async () => {
    const { stderr, status } = await runInChild('native', NAME, TARGET, 'addon.assertPositive(-1)');
    expect(status).toBe(null); // killed by SIGABRT
    expect(stderr.join('\n')).toMatch(/fatal\.c:\d+: AssertPositive: Assertion `value > 0' failed\./);
  });

  it.each([
    ['wasm', () => loadWasm<Fatal>(NAME)],
    ['native', async () => loadNativeFixture<Fatal>(NAME, TARGET)],
  ] as const)('%s: napi_fatal_exception emits "uncaughtException" before it returns', async (_, load) => {
    const a = await load();
    const order: string[] = [];
    const error = new TypeError('fatal exception');
    const { uncaught } = await catchProcessEvents(() => {
      process.once('uncaughtException', () => order.push('listener'));
      expect(a.fatalException(error, () => order.push('returned'))).toBe(S.ok);
    });
    expect(uncaught).toEqual([error]);
    expect(order).toEqual(['listener', 'returned']);
    expect(a.hello()).toBe(1);
  });
});

describe('reporting uncaught errors outside Node', () => {
  const g = globalThis as Record<string, unknown>;
  const saved = { process: g.process, reportError: g.reportError, dispatchEvent: g.dispatchEvent, ErrorEvent: g.ErrorEvent };
  afterEach(() => Object.assign(g, saved));

  it('uses reportError where there is one, else dispatches an ErrorEvent on the global scope', () => {
    const error = new Error('report me');
    const reported: unknown[] = [];
    g.process = undefined;
    g.reportError = (e: unknown) => reported.push(e);
    reportUncaught(error);
    g.reportError = undefined;
    g.ErrorEvent = class {
      constructor(
        readonly type: string,
        readonly init: { error: unknown; message: string },
      ) {}
    };
    g.dispatchEvent = (event: unknown) => reported.push(event);
    reportUncaught(error);
    Object.assign(g, saved);
    expect(reported).toEqual([error, { type: 'error', init: { error, message: 'report me' } }]);
  });
});

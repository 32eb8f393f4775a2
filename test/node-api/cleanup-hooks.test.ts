import { describe, expect, it } from 'vitest';
import { NapiStatus as S, disposeAddon } from '../../runtime/index.js';
import { loadNativeFixture, loadWasm, runInChild, until } from './helpers.js';

interface Cleanup {
  addHook(tag: number): number;
  removeHook(tag: number): number;
  addAsyncHook(tag: number, later: boolean): number;
  removeAsyncHook(tag: number): number;
  setInstanceData(tag: number): number;
  startTsfn(): number;
  hello(): number;
  checks(): number[];
}

const NAME = 'node-api-cleanup';
const TARGET = 'node_api_cleanup';

/** Registers hooks in this order; 3 and 6 are removed again; 5 finishes through uv_async and uv_close. */
const REGISTER = `
  addon.addHook(1);
  addon.addAsyncHook(2, false);
  addon.addHook(3);
  addon.setInstanceData(4);
  addon.addAsyncHook(5, true);
  addon.addAsyncHook(6, false);
  addon.removeAsyncHook(6);
  addon.addHook(7);
  addon.removeHook(3);
  addon.startTsfn();
`;

const TEARDOWN = [
  // The queued items are delivered before the process ends (in Node because
  // an async cleanup hook's removal keeps the loop alive for one turn).
  'tsfn call_js 1',
  'tsfn call_js 2',
  'exit listener 42',
  'env hook 7',
  'async hook 5',
  'async hook 2',
  'async hook done 2',
  'env hook 1',
  // Then the loop turns: the uv_async callback, then the closing handles, newest first.
  'async hook woken 5',
  'async hook done 5',
  'tsfn finalizer 0',
  'instance data finalizer 4',
];

describe('cleanup hooks (fixtures/node-api-cleanup)', async () => {
  it.each(['native', 'wasm'] as const)(
    '%s: at process exit, after the exit listeners: hooks in reverse order (async ones included), libuv callbacks and closing handles, then the instance-data finalizer',
    async (kind) => {
      const { stdout } = await runInChild(kind, NAME, TARGET, `${REGISTER}
        process.on('exit', () => console.log('exit listener ' + addon.hello()));`);
      expect(stdout).toEqual(TEARDOWN);
    },
  );

  it.each(['native', 'wasm'] as const)('%s: process.exit() skips the teardown (Node\'s main thread does)', async (kind) => {
    const { stdout } = await runInChild(kind, NAME, TARGET, `${REGISTER.replace('addon.startTsfn();', '')}
      process.on('exit', () => console.log('exit listener ' + addon.hello()));
      setImmediate(() => process.exit(0));`);
    expect(stdout).toEqual(['exit listener 42']);
  });

  it('disposeAddon runs the same teardown, waits for async cleanup hooks that finish later, and the instance is dead after it', async () => {
    const lines: string[] = [];
    const addon = await loadWasm<Cleanup>(NAME, { stdout: (line) => lines.push(line) });
    addon.addHook(1);
    addon.addAsyncHook(2, true);
    addon.setInstanceData(3);
    addon.addHook(4);
    let done = false;
    const disposed = disposeAddon(addon).then(() => (done = true));
    expect(disposeAddon(addon)).toBe(disposeAddon(addon));
    expect(lines).toEqual(['env hook 4', 'async hook 2', 'env hook 1']);
    expect(done).toBe(false);
    await disposed;
    expect(lines).toEqual(['env hook 4', 'async hook 2', 'env hook 1', 'async hook woken 2', 'async hook done 2', 'instance data finalizer 3']);
    expect(() => addon.hello()).toThrow(/node-api-cleanup: the addon was disposed/);
  });

  it('disposing with nothing registered resolves at once; a threadsafe function left open is finalized', async () => {
    const lines: string[] = [];
    const addon = await loadWasm<Cleanup>(NAME, { stdout: (line) => lines.push(line) });
    addon.startTsfn();
    await disposeAddon(addon);
    expect(lines).toEqual(['tsfn finalizer 0', 'tsfn teardown 1', 'tsfn teardown 2']);
    const plain = await loadWasm<Cleanup>(NAME);
    await disposeAddon(plain);
    expect(() => plain.hello()).toThrow(/disposed/);
    expect(() => disposeAddon({})).toThrow(TypeError);
  });

  it.each([
    ['wasm', () => loadWasm<Cleanup>(NAME)],
    ['native', async () => loadNativeFixture<Cleanup>(NAME, TARGET)],
  ] as const)('%s: argument checks', async (_, load) => {
    const a = await load();
    expect(a.checks()).toEqual([S.invalid_arg, S.invalid_arg, S.invalid_arg, S.invalid_arg]);
  });

  it('an async cleanup hook removed before disposal does not hold the env', async () => {
    const lines: string[] = [];
    const addon = await loadWasm<Cleanup>(NAME, { stdout: (line) => lines.push(line) });
    addon.addAsyncHook(1, true);
    expect(addon.removeAsyncHook(1)).toBe(S.ok);
    let done = false;
    void disposeAddon(addon).then(() => (done = true));
    await until(() => done);
    expect(lines).toEqual([]);
  });
});

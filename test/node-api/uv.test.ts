import { describe, expect, it } from 'vitest';
import { loadNativeFixture, loadWasm, until } from './helpers.js';

interface Uv {
  mutex(): string[];
  rwlock(): string[];
  cond(): string[];
  once(): number;
  sem(): string[];
  misc(): boolean[];
  errors(): string[];
  async(log: (line: string) => void): boolean[];
  asyncTwice(log: (line: string) => void): void;
  queueWork(log: (line: string) => void, cancelNow: boolean, cancelAfter: boolean): string[];
  queueChecks(): string[];
  deadlock(kind: number): void;
}

describe('the libuv subset (fixtures/node-api-uv)', async () => {
  const stderr: string[] = [];
  const wasm = await loadWasm<Uv>('node-api-uv', { stderr: (line) => stderr.push(line) });
  const native = loadNativeFixture<Uv>('node-api-uv', 'node_api_uv');
  const both = [
    ['wasm', wasm],
    ['native', native],
  ] as const;

  it.each(both)('%s: mutexes, read-write locks, condition variables, once, semaphores', (_, a) => {
    expect(a.mutex()).toEqual(['0', '0', 'EBUSY', '0', '0', '0', '0']);
    expect(a.rwlock()).toEqual(['0', '0', 'EBUSY', '0', 'EBUSY', 'EBUSY']);
    expect(a.cond()).toEqual(['0', 'ETIMEDOUT']);
    expect(a.once()).toBe(1);
    expect(a.once()).toBe(1);
    expect(a.sem()).toEqual(['0', '0', 'EAGAIN', '0']);
  });

  it.each(both)('%s: threads, time and error names', (_, a) => {
    expect(a.misc()).toEqual([true, true, true]);
    expect(a.errors()).toEqual(['invalid argument', 'EINVAL', 'ECANCELED', 'EOF', 'connection timed out']);
  });

  it.each(both)('%s: uv_async_send coalesces, the callback runs later on the loop; uv_close calls back after it', async (_, a) => {
    const log: string[] = [];
    expect(a.async((line) => log.push(line))).toEqual([true, false, false]);
    expect(log).toEqual([]);
    await until(() => log.length === 3);
    expect(log).toEqual(['async 1', 'close: inactive', 'closed (closing)']);
  });

  it.each(both)('%s: a send from the callback calls it again', async (_, a) => {
    const log: string[] = [];
    a.asyncTwice((line) => log.push(line));
    await until(() => log.length === 4);
    expect(log).toEqual(['async 1', 'async again', 'close: inactive', 'closed (closing)']);
  });

  it.each(both)('%s: uv_queue_work runs work_cb then after_work_cb(0); uv_cancel after that is UV_EBUSY', async (_, a) => {
    const log: string[] = [];
    expect(a.queueWork((line) => log.push(line), false, true)).toEqual(['0', '0']);
    await until(() => log.length === 1);
    expect(log).toEqual(['after_work 0 worked cancel: EBUSY']);
    expect(a.queueChecks()).toEqual(['EINVAL']);
  });

  it('uv_cancel before the work starts: after_work_cb gets UV_ECANCELED and work_cb never runs', async () => {
    const log: string[] = [];
    expect(wasm.queueWork((line) => log.push(line), true, false)).toEqual(['0', '0']);
    await until(() => log.length === 1);
    expect(log).toEqual(['after_work ECANCELED not worked']);
  });

  it('a wait only another thread could end aborts with a message instead of hanging', () => {
    const messages = [
      'uv_mutex_lock of a locked mutex',
      'uv_cond_wait',
      'uv_sem_wait on a semaphore at 0',
      'uv_rwlock_wrlock of a locked lock',
    ];
    messages.forEach((what, kind) => {
      stderr.length = 0;
      expect(() => wasm.deadlock(kind)).toThrow(/node-api-uv: wasm trap in deadlock\(\): unreachable/);
      expect(stderr).toEqual([`napi-wasm: ${what} would wait forever: there is only one thread`]);
    });
    expect(wasm.once()).toBe(1);
  });
});

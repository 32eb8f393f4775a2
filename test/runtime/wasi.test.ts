import { describe, expect, it } from 'vitest';
import { fixtureBytes, loadFixture } from './load.js';
import { loadAddonSync } from '../../runtime/index.js';

// wasi-libc errno values
const ENOTCAPABLE = 76;

describe('WASI (fixtures/api-wasi)', async () => {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const a = await loadFixture('api-wasi', {
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
    env: { GREETING: 'hello wasm', EMPTY: '' },
  });

  it('stdout and stderr reach the callbacks one line at a time', () => {
    a.print();
    expect(stdout).toEqual(['line one', 'line two']);
    expect(stderr).toEqual(['to stderr: 42']);
    a.finish();
    expect(stdout).toEqual(['line one', 'line two', 'partial line three, ünïcode']);
  });

  it('getenv sees options.env only', () => {
    expect(a.getEnv('GREETING')).toBe('hello wasm');
    expect(a.getEnv('EMPTY')).toBe('');
    expect(a.getEnv('PATH')).toBe(null);
  });

  it('clocks: realtime is Date.now, monotonic does not go back', () => {
    const before = Date.now();
    const [realtime, m1, m2] = a.clocks();
    const after = Date.now();
    expect(realtime).toBeGreaterThanOrEqual(before - 1);
    expect(realtime).toBeLessThanOrEqual(after + 1);
    expect(m2).toBeGreaterThanOrEqual(m1);
  });

  it('random bytes come from crypto.getRandomValues', () => {
    const r = a.random(1000);
    expect(r.length).toBe(1000);
    expect(new Set(r).size).toBeGreaterThan(100);
    expect(a.random(1000).equals(r)).toBe(false);
  });

  it('stdin is empty (end of file); there are no files', () => {
    expect(a.readStdin()).toBe(0);
    expect(a.openFile()).toBe(ENOTCAPABLE);
  });

  it('defaults: no environment', async () => {
    const plain = loadAddonSync(await fixtureBytes('api-wasi'), { stdout: () => {}, stderr: () => {} });
    expect(plain.getEnv('GREETING')).toBe(null);
  });
});

import { describe, expect, it } from 'vitest';
import { loadFixture } from './load.js';

interface Hello {
  hello(): string;
  add(a: number, b: number): number;
  fill(buffer: Uint8Array, offset: number, length: number, byte: number): void;
}

describe('fixtures/hello', async () => {
  const addon = await loadFixture<Hello>('hello');

  it('exports its three functions', () => {
    // napi_default_method: writable and configurable, not enumerable (as in Node).
    expect(Object.getOwnPropertyNames(addon)).toEqual(['hello', 'add', 'fill']);
    expect(Object.keys(addon)).toEqual([]);
    expect(typeof addon.hello).toBe('function');
  });

  it('hello() returns "world"', () => {
    expect(addon.hello()).toBe('world');
  });

  it('add(a, b) adds doubles', () => {
    expect(addon.add(2, 3)).toBe(5);
    expect(addon.add(0.1, 0.2)).toBe(0.1 + 0.2);
    expect(addon.add(-1e308, -1e308)).toBe(-Infinity);
  });

  it('add throws its own errors', () => {
    expect(() => (addon.add as (a: number) => number)(1)).toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'ERR_MISSING_ARGS' }),
    );
    expect(() => addon.add('1' as unknown as number, 2)).toThrow('Node-API call failed: napi_get_value_double');
  });

  it('fill writes into a JS-owned Buffer at an offset, seen by JS on return', () => {
    const buffer = Buffer.alloc(16, 0xaa);
    addon.fill(buffer, 5, 4, 7);
    expect([...buffer]).toEqual([...Array(5).fill(0xaa), 7, 7, 7, 7, ...Array(7).fill(0xaa)]);
  });

  it('fill works on a Uint8Array view with a byte offset', () => {
    const backing = new Uint8Array(32);
    const view = backing.subarray(8, 24);
    addon.fill(view, 2, 3, 9);
    expect([...backing.subarray(0, 10)]).toEqual(Array(10).fill(0));
    expect([...backing.subarray(10, 13)]).toEqual([9, 9, 9]);
    expect([...backing.subarray(13)]).toEqual(Array(19).fill(0));
  });
});

import { describe, expect, it } from 'vitest';
import { NapiStatus as S } from '../../runtime/index.js';
import { gcUntil } from '../helpers/gc.js';
import { loadNativeFixture, loadWasm } from './helpers.js';

interface Buffers {
  createBuffer(n: number): Buffer;
  createBufferCopy(text: string): Buffer;
  createKept(n: number): Buffer;
  writeKept(i: number, v: number): void;
  readKept(i: number): number;
  growHeap(): boolean;
  createExternal(): Buffer;
  setExternal(i: number, v: number): void;
  readExternal(i: number): number;
  externalFinalized(): number;
  bufferInfo(value: unknown): { status: number; length?: number; first?: number };
  isBuffer(value: unknown): boolean;
  fromArrayBuffer?(ab: unknown, offset: number, length: number): { status: number; value?: unknown; error?: unknown };
}

describe('Buffers (fixtures/node-api-buffers)', async () => {
  const wasm = await loadWasm<Buffers>('node-api-buffers');
  const native = loadNativeFixture<Buffers>('node-api-buffers', 'node_api_buffers');
  const both = [
    ['wasm', wasm],
    ['native', native],
  ] as const;

  it.each(both)('%s: napi_create_buffer and napi_create_buffer_copy make Node Buffers', (_, a) => {
    const b = a.createBuffer(5);
    expect(Buffer.isBuffer(b)).toBe(true);
    expect([...b]).toEqual([0, 1, 2, 3, 4]);
    const c = a.createBufferCopy('copy');
    expect(Buffer.isBuffer(c)).toBe(true);
    expect(c.toString()).toBe('#opy');
    expect(a.createBuffer(0).length).toBe(0);
  });

  it.each(both)('%s: napi_get_buffer_info and napi_is_buffer', (_, a) => {
    expect(a.bufferInfo(Buffer.from([9, 8]))).toEqual({ status: S.ok, value: undefined, length: 2, first: 9 });
    expect(a.bufferInfo(new Uint8Array([3]))).toMatchObject({ status: S.ok, length: 1, first: 3 });
    expect(a.isBuffer(Buffer.alloc(1))).toBe(true);
    expect(a.isBuffer(new Uint8Array(1))).toBe(true);
    expect(a.isBuffer(new ArrayBuffer(1))).toBe(false);
    expect(a.isBuffer({})).toBe(false);
  });

  it.each(both)('%s: a created buffer\'s pointer stays valid, with its contents, when the heap grows', (_, a) => {
    const b = a.createKept(16);
    expect(a.growHeap()).toBe(true);
    a.writeKept(3, 42);
    expect(b[3]).toBe(42);
    b[4] = 43;
    expect(a.readKept(4)).toBe(43);
    expect(a.readKept(0)).toBe(7);
  });

  it.each(both)('%s: napi_create_external_buffer shares C\'s bytes both ways', (_, a) => {
    const b = a.createExternal();
    expect(Buffer.isBuffer(b)).toBe(true);
    expect(b.toString()).toBe('external data');
    a.setExternal(0, 'E'.charCodeAt(0));
    expect(b.toString()).toBe('External data');
    b[1] = 'X'.charCodeAt(0);
    expect(a.readExternal(1)).toBe('X'.charCodeAt(0));
    a.setExternal(0, 'e'.charCodeAt(0));
    a.setExternal(1, 'x'.charCodeAt(0));
  });

  it.each(both)('%s: the external buffer\'s finalizer runs once it is collected', async (_, a) => {
    const before = a.externalFinalized();
    (() => a.createExternal())();
    await gcUntil('external buffer finalizer', () => a.externalFinalized() > before);
  });

  it('node_api_create_buffer_from_arraybuffer: a Buffer over the same memory; range and type checks', () => {
    const ab = new ArrayBuffer(8);
    const r = wasm.fromArrayBuffer!(ab, 2, 4);
    expect(r.status).toBe(S.ok);
    const b = r.value as Buffer;
    expect(Buffer.isBuffer(b)).toBe(true);
    expect([b.buffer, b.byteOffset, b.length]).toEqual([ab, 2, 4]);
    b[0] = 5;
    expect(new Uint8Array(ab)[2]).toBe(5);
    expect(wasm.fromArrayBuffer!(ab, 0, 0).status).toBe(S.ok);
    const out = wasm.fromArrayBuffer!(ab, 6, 4);
    expect(out.status).toBe(S.pending_exception);
    expect(out.error).toBeInstanceOf(RangeError);
    expect(out.error).toMatchObject({ code: 'ERR_OUT_OF_RANGE', message: 'The byte offset + length is out of range' });
    const wrong = wasm.fromArrayBuffer!(new Uint8Array(8), 0, 1);
    expect(wrong.status).toBe(S.arraybuffer_expected);
    expect('error' in wrong).toBe(false);
    expect(native.fromArrayBuffer).toBeUndefined(); // Node 20 has Node-API 9
  });
});

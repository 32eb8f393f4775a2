import { describe, expect, it } from 'vitest';
import { NapiStatus as S } from '../../runtime/index.js';
import { loadFixture } from './load.js';

const Float16 = (globalThis as { Float16Array?: new (n: number) => ArrayBufferView }).Float16Array;

describe('binary data (fixtures/api-binary)', async () => {
  const a = await loadFixture('api-binary');

  it('brand checks: arraybuffer, typedarray, dataview, buffer (any ArrayBufferView, as Node 20)', () => {
    const ab = new ArrayBuffer(8);
    expect(a.isKinds(ab)).toEqual([true, false, false, false]);
    expect(a.isKinds(new Uint8Array(1))).toEqual([false, true, false, true]);
    expect(a.isKinds(Buffer.alloc(1))).toEqual([false, true, false, true]);
    expect(a.isKinds(new Float64Array(1))).toEqual([false, true, false, true]);
    expect(a.isKinds(new DataView(ab))).toEqual([false, false, true, true]);
    expect(a.isKinds(new SharedArrayBuffer(8))).toEqual([false, false, false, false]);
    expect(a.isKinds(new Proxy(new Uint8Array(1), {}))).toEqual([false, false, false, false]);
    expect(a.isKinds(Object.create(Uint8Array.prototype))).toEqual([false, false, false, false]);
    expect(a.isKinds([1, 2])).toEqual([false, false, false, false]);
  });

  it('napi_get_buffer_info gives the bytes of any view', () => {
    expect(a.bufferInfo(Buffer.from([1, 2, 3]))).toEqual({ status: S.ok, length: 3, sum: 6 });
    expect(a.bufferInfo(new Uint16Array([256, 1]))).toEqual({ status: S.ok, length: 4, sum: 2 });
    expect(a.bufferInfo(new Uint8Array(0))).toEqual({ status: S.ok, length: 0, sum: 0 });
    expect(a.bufferInfo({}).status).toBe(S.invalid_arg);
  });

  it('napi_get_typedarray_info for every kind', () => {
    const kinds = [
      Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
      Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array,
    ] as const;
    kinds.forEach((Kind, type) => {
      const ab = new ArrayBuffer(32);
      new Uint8Array(ab)[8] = 42;
      const view = new Kind(ab, 8, 2);
      const info = a.typedArrayInfo(view);
      expect(info, Kind.name).toEqual({ status: S.ok, type, length: 2, byteOffset: 8, arraybuffer: ab, firstByte: 42 });
    });
    if (Float16) expect(a.typedArrayInfo(new Float16(3))).toMatchObject({ status: S.ok, type: 11, length: 3 });
    expect(a.typedArrayInfo(Buffer.from([7])).type).toBe(1);
    expect(a.typedArrayInfo(new DataView(new ArrayBuffer(1))).status).toBe(S.invalid_arg);
  });

  it('napi_get_arraybuffer_info and napi_get_dataview_info', () => {
    const ab = new Uint8Array([1, 2, 3, 4, 5, 6]).buffer;
    expect(a.arrayBufferInfo(ab)).toEqual({ status: S.ok, byteLength: 6, sum: 21 });
    expect(a.arrayBufferInfo(new Uint8Array(1)).status).toBe(S.invalid_arg);
    expect(a.arrayBufferInfo(new SharedArrayBuffer(1)).status).toBe(S.invalid_arg);
    expect(a.dataViewInfo(new DataView(ab, 2, 3))).toEqual({ status: S.ok, byteLength: 3, byteOffset: 2, arraybuffer: ab, sum: 12 });
    expect(a.dataViewInfo(new Uint8Array(1)).status).toBe(S.invalid_arg);
  });

  it('napi_create_typedarray checks alignment and length with Node’s RangeErrors', () => {
    const ab = new ArrayBuffer(16);
    const ok = a.createTypedArray(5, ab, 4, 3);
    expect(ok.status).toBe(S.ok);
    expect(ok.value).toBeInstanceOf(Int32Array);
    expect(ok.value.buffer).toBe(ab);
    expect([ok.value.byteOffset, ok.value.length]).toEqual([4, 3]);
    expect(a.createTypedArray(9, ab, 8, 1).value).toBeInstanceOf(BigInt64Array);
    const misaligned = a.createTypedArray(5, ab, 2, 1);
    expect(misaligned.status).toBe(S.generic_failure);
    expect(misaligned.error).toBeInstanceOf(RangeError);
    expect(misaligned.error.message).toBe('start offset of Int32Array should be a multiple of 4');
    expect(misaligned.error.code).toBe('ERR_NAPI_INVALID_TYPEDARRAY_ALIGNMENT');
    const tooLong = a.createTypedArray(1, ab, 8, 9);
    expect(tooLong.status).toBe(S.generic_failure);
    expect(tooLong.error.message).toBe('Invalid typed array length');
    expect(tooLong.error.code).toBe('ERR_NAPI_INVALID_TYPEDARRAY_LENGTH');
    expect(a.createTypedArray(99, ab, 0, 1).status).toBe(S.invalid_arg);
    expect(a.createTypedArray(1, new Uint8Array(4), 0, 1).status).toBe(S.invalid_arg);
    expect(a.createTypedArray(11, ab, 0, 2).status).toBe(Float16 ? S.ok : S.invalid_arg);
  });

  it('napi_create_dataview', () => {
    const ab = new ArrayBuffer(8);
    const ok = a.createDataView(ab, 2, 4);
    expect(ok.value).toBeInstanceOf(DataView);
    expect([ok.value.byteOffset, ok.value.byteLength, ok.value.buffer]).toEqual([2, 4, ab]);
    const bad = a.createDataView(ab, 6, 4);
    expect(bad.status).toBe(S.pending_exception);
    expect(bad.error).toBeInstanceOf(RangeError);
    expect(bad.error.code).toBe('ERR_NAPI_INVALID_DATAVIEW_ARGS');
  });

  it('buffers and arraybuffers made by the addon carry what C wrote through their pointer', () => {
    const b = a.createBuffer(5, 7);
    expect(Buffer.isBuffer(b)).toBe(true);
    expect([...b]).toEqual([7, 7, 7, 7, 7]);
    expect(a.createBuffer(0, 1).length).toBe(0);
    expect(a.createBufferCopy().toString()).toBe('Copied from C');
    const ab = a.createArrayBuffer(5);
    expect(ab).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(ab)]).toEqual([0, 1, 2, 3, 4]);
  });

  it('two views of one ArrayBuffer alias in C', () => {
    const buf = new Uint8Array(8);
    const r = a.alias(buf.subarray(0, 4), buf.subarray(2, 6));
    expect(r).toEqual({ delta: 2, aFirst: 0x11 });
    expect([...buf]).toEqual([0x11, 0, 0x22, 0, 0, 0, 0, 0]);
    const buf2 = new Uint8Array(8);
    expect(a.alias(buf2.subarray(2), buf2.subarray(0, 2))).toEqual({ delta: -2, aFirst: 0x11 });
    expect([...buf2.subarray(0, 3)]).toEqual([0x22, 0, 0x11]);
  });

  it('JS sees C’s writes during a call from C, and C sees JS’s writes after it', () => {
    const buf = new Uint8Array(4);
    let seen = -1;
    const r = a.writeAroundCall(buf, (b: Uint8Array) => {
      seen = b[0]!;
      b[1] = 9;
    });
    expect(seen).toBe(1);
    expect(r).toBe(9);
    expect([...buf]).toEqual([1, 9, 3, 0]);
  });

  it('a nested native call on the same buffer shares the borrowed block', () => {
    const buf = new Uint8Array(4);
    const r = a.writeAroundCall(buf, (b: Uint8Array) => a.fill(b, 1, 1, 8));
    expect(r).toBe(8);
    expect([...buf]).toEqual([1, 8, 3, 0]);
  });

  it('a buffer detached by JS during the call is left alone', () => {
    const buf = new Uint8Array(4);
    const r = a.writeAroundCall(buf, (b: Uint8Array) => {
      structuredClone(b.buffer, { transfer: [b.buffer] });
    });
    expect(r).toBe(0);
    expect(buf.byteLength).toBe(0);
    expect(a.bufferInfo(Buffer.from([1])).sum).toBe(1);
  });

  it('bufferutil-style mask into pooled Buffers touches only the requested bytes', () => {
    for (const size of [0, 1, 3, 4, 5, 31, 100, 1000]) {
      const source = Buffer.from(Array.from({ length: size }, (_, i) => (i * 7) & 255));
      const mask = Buffer.from([1, 2, 3, 4]);
      const before = Buffer.from('neighbour');
      const output = Buffer.allocUnsafe(size + 10).fill(0xaa);
      const after = Buffer.from('neighbour');
      a.xorInto(source, mask, output, 3, size);
      const expected = Buffer.alloc(size + 10, 0xaa);
      for (let i = 0; i < size; i++) expected[3 + i] = source[i]! ^ mask[i & 3]!;
      expect(output.equals(expected), `size ${size}`).toBe(true);
      expect(before.toString()).toBe('neighbour');
      expect(after.toString()).toBe('neighbour');
    }
  });

  it('more borrowed bytes than the scratch arena holds (malloc takes over)', () => {
    const buffers = Array.from({ length: 20 }, (_, i) => new Uint8Array(10000).fill(i === 0 ? 0 : 1));
    expect(a.stampAll(buffers)).toBe(19 * 10000);
    buffers.forEach((b, i) => {
      expect(b[0], `buffer ${i}`).toBe(i);
      expect(b[1]).toBe(i === 0 ? 0 : 1);
    });
    expect(a.stampAll(buffers)).toBe(19 * 9999 + 190);
  });

  it('a small view of a large ArrayBuffer', () => {
    const backing = new Uint8Array(4 << 20);
    const view = backing.subarray(1 << 20, (1 << 20) + 10);
    a.fill(view, 2, 3, 5);
    expect(backing.reduce((s, b) => s + b, 0)).toBe(15);
    expect([...view.subarray(0, 6)]).toEqual([0, 0, 5, 5, 5, 0]);
    expect(a.bufferInfo(view).sum).toBe(15);
  });
});

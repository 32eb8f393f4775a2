// fixtures/api-binary built natively with node-gyp and to Wasm must answer
// alike: brand checks, the info of every kind of view, typed array and
// DataView creation with Node's range checks, buffers the addon makes, and
// C writing into JS-owned memory (aliasing views, JS running in between).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from '../helpers/paths.js';
import { loadBoth, observe } from './oracle.js';

type Addon = any;
const KINDS = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array,
  Float64Array, BigInt64Array, BigUint64Array];

describe('binary data: native (node-gyp) vs Wasm', async () => {
  const { native, wasm } = await loadBoth<Addon>(path.join(fixturesDir, 'api-binary'), 'api_binary');
  const info = (r: Record<string, unknown>) => ({ ...r, arraybuffer: r.arraybuffer instanceof ArrayBuffer ? r.arraybuffer.byteLength : r.arraybuffer });

  const scenarios: [string, (a: Addon) => unknown][] = [
    ['brand checks', (a) => [new ArrayBuffer(8), new Uint8Array(1), Buffer.alloc(1), new Float64Array(1), new DataView(new ArrayBuffer(2)),
      new SharedArrayBuffer(8), new Proxy(new Uint8Array(1), {}), Object.create(Uint8Array.prototype), [1, 2], null].map((v) => a.isKinds(v))],
    ['buffer info', (a) => [Buffer.from([1, 2, 3]), new Uint16Array([256, 1]), new Uint8Array(0), new DataView(new Uint8Array([5, 6]).buffer), {}].map((v) => a.bufferInfo(v))],
    ...KINDS.map((Kind, type): [string, (a: Addon) => unknown] => [`typed array info: ${Kind.name}`, (a) => {
      const ab = new ArrayBuffer(64);
      new Uint8Array(ab)[8] = 42;
      return [info(a.typedArrayInfo(new Kind(ab, 8, 2))), info(a.typedArrayInfo(new Kind(0))), type];
    }]),
    ['typed array info of non-typed-arrays', (a) => [new DataView(new ArrayBuffer(1)), new ArrayBuffer(1), []].map((v) => a.typedArrayInfo(v).status)],
    ['arraybuffer and dataview info', (a) => {
      const ab = new Uint8Array([1, 2, 3, 4, 5, 6]).buffer;
      return [a.arrayBufferInfo(ab), a.arrayBufferInfo(new Uint8Array(1)).status, a.arrayBufferInfo(new SharedArrayBuffer(1)).status,
        info(a.dataViewInfo(new DataView(ab, 2, 3))), a.dataViewInfo(new Uint8Array(1)).status];
    }],
    ...[...KINDS.keys(), 11, 99].map((type): [string, (a: Addon) => unknown] => [`create typed array type ${type}`, (a) => {
      const ab = new ArrayBuffer(16);
      return [[0, 4], [2, 1], [8, 2], [8, 9], [16, 0], [17, 0]].map(([offset, length]) => {
        const r = a.createTypedArray(type, ab, offset, length);
        return [r.status, r.value?.constructor.name, r.value?.byteOffset, r.value?.length, r.error];
      });
    }]),
    ['create typed array over a non-arraybuffer', (a) => a.createTypedArray(1, new Uint8Array(4), 0, 1).status],
    ['create dataview', (a) => {
      const ab = new ArrayBuffer(8);
      return [[2, 4], [0, 8], [6, 4], [8, 0], [9, 0]].map(([offset, length]) => {
        const r = a.createDataView(ab, offset, length);
        return [r.status, r.value?.byteOffset, r.value?.byteLength, r.error];
      });
    }],
    ['buffers made by the addon', (a) => [[...a.createBuffer(5, 7)], Buffer.isBuffer(a.createBuffer(1, 1)), a.createBuffer(0, 1).length,
      a.createBufferCopy().toString(), [...new Uint8Array(a.createArrayBuffer(5))]]],
    ['aliasing views', (a) => {
      const buf = new Uint8Array(8);
      const r1 = a.alias(buf.subarray(0, 4), buf.subarray(2, 6));
      const buf2 = new Uint8Array(8);
      const r2 = a.alias(buf2.subarray(2), buf2.subarray(0, 2));
      return [r1, [...buf], r2, [...buf2]];
    }],
    ['C writes around a call into JS', (a) => {
      const buf = new Uint8Array(4);
      let seen = -1;
      const r = a.writeAroundCall(buf, (b: Uint8Array) => {
        seen = b[0]!;
        b[1] = 9;
      });
      return [seen, r, [...buf]];
    }],
    ['a nested call on the same buffer', (a) => {
      const buf = new Uint8Array(4);
      return [a.writeAroundCall(buf, (b: Uint8Array) => a.fill(b, 1, 1, 8)), [...buf]];
    }],
    ['a buffer detached during the call', (a) => {
      const buf = new Uint8Array(4);
      return [a.writeAroundCall(buf, (b: Uint8Array) => structuredClone(b.buffer, { transfer: [b.buffer] })), buf.byteLength];
    }],
    ['mask into pooled Buffers', (a) => [0, 1, 3, 5, 100, 1000].map((size) => {
      const source = Buffer.from(Array.from({ length: size }, (_, i) => (i * 7) & 255));
      const output = Buffer.allocUnsafe(size + 10).fill(0xaa);
      a.xorInto(source, Buffer.from([1, 2, 3, 4]), output, 3, size);
      return [...output];
    })],
    ['many buffers in one call', (a) => {
      const buffers = Array.from({ length: 20 }, (_, i) => new Uint8Array(10000).fill(i === 0 ? 0 : 1));
      return [a.stampAll(buffers), buffers.map((b) => [b[0], b[1]]), a.stampAll(buffers)];
    }],
    ['a small view of a large ArrayBuffer', (a) => {
      const backing = new Uint8Array(4 << 20);
      const view = backing.subarray(1 << 20, (1 << 20) + 10);
      a.fill(view, 2, 3, 5);
      return [backing.reduce((s, b) => s + b, 0), [...view], a.bufferInfo(view)];
    }],
  ];

  it.each(scenarios)('%s', (_name, run) => {
    expect(observe(() => run(wasm))).toEqual(observe(() => run(native)));
  });
});

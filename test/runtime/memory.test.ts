// The memory model (runtime/memory-model.ts, docs/memory-model.md).
import { describe, expect, it } from 'vitest';
import { NapiStatus as S } from '../../runtime/index.js';
import { attachLayout } from '../../runtime/memory-model.js';
import { gcUntil } from '../helpers/gc.js';
import { fixtureBytes, loadFixtureWithEnv } from './load.js';

const BUFFER = 0;
const ARRAYBUFFER = 1;
const BUFFER_COPY = 2;
const EXTERNAL_STATIC = 3;
const EXTERNAL_HEAP = 4;

const bytesOf = (v: ArrayBuffer | Uint8Array) => (v instanceof Uint8Array ? v : new Uint8Array(v));

/** The initial value of the module's first global (wasm-ld's __stack_pointer). */
function stackTop(bytes: Uint8Array): number {
  let p = 8;
  const uleb = () => {
    let r = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[p++]!;
      r |= (b & 0x7f) << shift;
      if (b < 0x80) return r >>> 0;
    }
  };
  while (p < bytes.length) {
    const id = bytes[p++]!;
    const size = uleb();
    if (id === 6) {
      p += 4; // count, type, mutability, i32.const
      return uleb() & 0x7fffffff; // a small positive sleb
    }
    p += size;
  }
  throw new Error('no global section');
}

describe('memory model (fixtures/api-memory)', async () => {
  const { addon: a, env } = await loadFixtureWithEnv('api-memory');

  it.each([
    ['napi_create_buffer', BUFFER],
    ['napi_create_arraybuffer', ARRAYBUFFER],
    ['napi_create_buffer_copy', BUFFER_COPY],
    ['napi_create_external_arraybuffer over static memory', EXTERNAL_STATIC],
    ['napi_create_external_arraybuffer over malloc’d memory', EXTERNAL_HEAP],
  ])('%s: C writes through a kept pointer on later calls, and reads what JS wrote', (_name, kind) => {
    const made = a.make(kind, 8);
    const bytes = bytesOf(made);
    a.write(kind, 2, 42);
    expect(bytes[2]).toBe(42);
    bytes[3] = 7;
    expect(a.read(kind, 3)).toBe(7);
    a.write(kind, 3, 8);
    expect(bytes[3]).toBe(8);
  });

  it('initial contents: zeroed, copied, or the external memory’s', () => {
    expect([...bytesOf(a.make(ARRAYBUFFER, 4))]).toEqual([0, 0, 0, 0]);
    expect(Buffer.from(a.make(BUFFER_COPY, 0)).toString('latin1')).toBe('copied from C\0');
    a.writeStatic(0, 9);
    const ext = bytesOf(a.make(EXTERNAL_STATIC, 0));
    expect(ext[0]).toBe(9);
    expect([...ext]).toEqual(Array.from({ length: 16 }, (_, i) => a.read(EXTERNAL_STATIC, i)));
  });

  it('a pointer kept only in a malloc’d struct stays in step', () => {
    const b = a.hold(16);
    a.fillHeld(3);
    expect(b.reduce((s: number, x: number) => s + x, 0)).toBe(48);
    b.fill(1);
    expect(a.sumHeld()).toBe(16);
  });

  it('an external buffer over static memory sees writes C makes by name', () => {
    const ab = new Uint8Array(a.make(EXTERNAL_STATIC, 0));
    a.writeStatic(5, 77);
    expect(ab[5]).toBe(77);
  });

  it('the same buffer passed back through Node-API maps to its pinned block', () => {
    const b = a.make(BUFFER, 4);
    b.set([1, 2, 3, 4]);
    expect(a.sumVia(b)).toBe(10);
    expect(a.sumVia(b.subarray(1, 3))).toBe(5);
    a.write(BUFFER, 0, 10);
    expect(a.sumVia(b)).toBe(19);
  });

  it('async work writes through the kept pointer; JS sees it when the promise settles', async () => {
    const b = a.make(BUFFER, 4);
    b[1] = 33;
    expect(await a.writeAsync(99)).toBe(33);
    expect(b[0]).toBe(99);
  });

  it('the heap growing leaves no JS object detached, and kept pointers valid', () => {
    const b = a.make(BUFFER, 4);
    const ab = a.make(ARRAYBUFFER, 4);
    const pages = env.heap.memory!.buffer.byteLength;
    expect(a.grow(64)).toBe(true);
    expect(env.heap.memory!.buffer.byteLength).toBeGreaterThan(pages + (63 << 20));
    a.write(BUFFER, 0, 5);
    a.write(ARRAYBUFFER, 1, 6);
    expect([b.byteLength, b[0]]).toEqual([4, 5]);
    expect([ab.byteLength, new Uint8Array(ab)[1]]).toEqual([4, 6]);
    const lent = new Uint8Array(4);
    expect(a.growWhileLent(lent, 16, 8)).toBe(true);
    expect(lent[0]).toBe(8);
  });

  it('buffers whose pointer C did not keep are parked once syncing them has cost a scan', () => {
    const kept = a.make(BUFFER, 4);
    const made = [];
    for (let i = 0; i < 1500; i++) made.push(a.transient(64, i & 255));
    expect(made[1499][0]).toBe(1499 & 255);
    expect(env.pins.synced).toBeLessThan(1000);
    a.write(BUFFER, 1, 11); // still in step
    expect(kept[1]).toBe(11);
    // A parked buffer passed back through Node-API is current again.
    made[0].fill(2);
    expect(a.sumVia(made[0])).toBe(128);
  });

  it.each(['wasm', 'js'])('with the module’s layout known, the scan (in %s) skips the stack yet finds pointers in statics and the heap', async (scanIn) => {
    const { addon: b, env: env2 } = await loadFixtureWithEnv('api-memory');
    // Addons link napi-shims/memory/scan.c; a module without it is scanned in JS.
    expect(typeof env2.pins.scanner).toBe('function');
    if (scanIn === 'js') env2.pins.scanner = undefined;
    // What __data_end and __heap_base exports would say: a 1 MiB stack below the top.
    const top = stackTop(await fixtureBytes('api-memory'));
    const global = (value: number) => new WebAssembly.Global({ value: 'i32' }, value);
    attachLayout(env2, { __data_end: global(top - (1 << 20)), __heap_base: global(top) });
    expect([env2.pins.stackLow, env2.pins.stackHigh]).toEqual([top - (1 << 20), top]);
    const inStatic = b.make(BUFFER, 4);
    const inHeap = b.hold(4);
    for (let i = 0; i < 1500; i++) b.transient(32, 1);
    expect(env2.pins.synced).toBeLessThan(100);
    b.write(BUFFER, 0, 21);
    b.fillHeld(4);
    expect([inStatic[0], inHeap[3]]).toEqual([21, 4]);
  });

  it('napi_detach_arraybuffer on an addon-made ArrayBuffer', () => {
    const ab = a.make(ARRAYBUFFER, 8);
    expect(a.detach(ab)).toEqual([S.ok, true]);
    expect(ab.byteLength).toBe(0);
    expect(a.detach(ab)).toEqual([S.ok, true]);
    a.write(BUFFER, 0, 1); // other calls go on
    expect(a.detach(new Uint8Array(2))).toEqual([S.arraybuffer_expected, false]);
    expect(a.detach(new ArrayBuffer(2))).toEqual([S.ok, true]);
  });

  it('blocks are freed, and external finalizers run, once the buffers are collected', async () => {
    const live = env.pins.live;
    const finalized = a.externalsFinalized();
    (() => {
      for (let i = 0; i < 10; i++) a.make(BUFFER, 32);
      a.make(EXTERNAL_HEAP, 32);
      a.make(ARRAYBUFFER, 32);
    })();
    a.make(BUFFER, 1); // the last made one stays reachable from C; make it another
    await gcUntil('the pinned blocks are released', () => env.pins.live <= live + 1);
    await gcUntil('the external finalizer ran', () => a.externalsFinalized() > finalized);
  });
});

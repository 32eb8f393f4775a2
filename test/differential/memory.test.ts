// fixtures/api-memory built natively with node-gyp and to Wasm must answer
// alike: buffers the addon made stay in step with a pointer C keeps (in a
// static or a struct, written later, also by async work), the heap growing
// changes nothing, detaching, and release after collection.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gcUntil } from '../helpers/gc.js';
import { fixturesDir } from '../helpers/paths.js';
import { loadBoth, observe, observeAsync } from './oracle.js';

type Addon = any;
const KINDS = [0, 1, 2, 3, 4]; // buffer, arraybuffer, buffer_copy, external over static memory, external over malloc'd memory
const bytesOf = (v: ArrayBuffer | Uint8Array) => (v instanceof Uint8Array ? v : new Uint8Array(v));

describe('memory model: native (node-gyp) vs Wasm', async () => {
  const { native, wasm } = await loadBoth<Addon>(path.join(fixturesDir, 'api-memory'), 'api_memory');

  const scenarios: [string, (a: Addon) => unknown][] = [
    ...KINDS.map((kind): [string, (a: Addon) => unknown] => [`kind ${kind}: C writes later through a kept pointer, reads what JS wrote`, (a) => {
      const made = a.make(kind, 8);
      const bytes = bytesOf(made);
      const initial = kind === 0 ? 'unspecified' : [...bytes]; // napi_create_buffer does not zero in Node
      a.write(kind, 2, 42);
      const afterWrite = bytes[2];
      bytes[3] = 7;
      const read = a.read(kind, 3);
      a.write(kind, 3, 8);
      return [made.constructor.name, made.byteLength, initial, afterWrite, read, bytes[3]];
    }]),
    ['an external buffer over static memory sees C’s writes by name', (a) => {
      const ab = bytesOf(a.make(3, 0));
      a.writeStatic(5, 77);
      return ab[5];
    }],
    ['a pointer kept in a malloc’d struct', (a) => {
      const b = a.hold(16);
      a.fillHeld(3);
      const sum = b.reduce((s: number, x: number) => s + x, 0);
      b.fill(1);
      return [sum, a.sumHeld()];
    }],
    ['a made buffer passed back through Node-API', (a) => {
      const b = a.make(0, 4);
      b.set([1, 2, 3, 4]);
      const first = [a.sumVia(b), a.sumVia(b.subarray(1, 3))];
      a.write(0, 0, 10);
      return [...first, a.sumVia(b)];
    }],
    ['the heap grows by 64 MiB', (a) => {
      const b = a.make(0, 4);
      const ab = a.make(1, 4);
      const grew = a.grow(64);
      a.write(0, 0, 5);
      a.write(1, 1, 6);
      const lent = new Uint8Array(4);
      return [grew, b.byteLength, b[0], ab.byteLength, new Uint8Array(ab)[1], a.growWhileLent(lent, 16, 8), lent[0]];
    }],
    ['many transient buffers, then the kept one', (a) => {
      const kept = a.make(0, 4);
      const made = Array.from({ length: 500 }, (_, i) => a.transient(16, i & 255));
      a.write(0, 1, 11);
      made[0].fill(2);
      return [made[499][15], kept[1], a.sumVia(made[0])];
    }],
    ['detach', (a) => [a.detach(a.make(1, 8)), a.detach(new Uint8Array(2)), a.detach(new ArrayBuffer(2))]],
  ];

  it.each(scenarios)('%s', (_name, run) => {
    expect(observe(() => run(wasm))).toEqual(observe(() => run(native)));
  });

  const later: [string, (a: Addon) => Promise<unknown>][] = [
    ['async work writes through the kept pointer', async (a) => {
      const b = a.make(0, 4);
      b[1] = 33;
      const seen = await a.writeAsync(99);
      return [seen, b[0]];
    }],
    ['external finalizers run after collection', async (a) => {
      const before = a.externalsFinalized();
      (() => {
        a.make(4, 32);
        a.make(4, 32);
      })();
      a.make(0, 1); // C's static pointer moves on
      // At least these two (the runtime may finalize earlier ones later than
      // Node: it holds a buffer while C keeps a pointer into it).
      await gcUntil('external finalizers', () => a.externalsFinalized() >= before + 2);
      return a.externalsFinalized() - before >= 2;
    }],
  ];

  it.each(later)('%s', async (_name, run) => {
    expect(await observeAsync(() => run(wasm))).toEqual(await observeAsync(() => run(native)));
  });
});

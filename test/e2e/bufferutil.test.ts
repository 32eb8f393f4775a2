// The real bufferutil@4.1.0 from npm, compiled from its own binding.gyp with
// each toolchain on this machine, against a pure-JS reference.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWasm } from '../helpers/wasm.js';
import { realPackagesDir } from '../helpers/paths.js';

const bufferutilDir = path.join(realPackagesDir, 'bufferutil');
const hasSystemClang = fs.existsSync('/usr/bin/clang-19') && fs.existsSync('/usr/lib/wasm32-wasi/libc.a');

function jsMask(source: Buffer, mask: Buffer, output: Buffer, offset: number, length: number) {
  for (let i = 0; i < length; i++) output[offset + i] = source[i]! ^ mask[i & 3]!;
}

// Sizes from 0 to 64 KiB, including every small size around the 4- and 8-byte fast paths.
const sizes = [...Array.from({ length: 40 }, (_, i) => i), 63, 64, 65, 1000, 4095, 4096, 4097, 65535, 65536];

type Bufferutil = { mask(s: Buffer, m: Buffer, o: Buffer, off: number, len: number): void; unmask(b: Buffer, m: Buffer): void };

function checkAgainstReference(bu: Bufferutil) {
  const rng = (n: number) => crypto.randomBytes(n);
  for (const size of sizes) {
    const source = rng(size);
    const mask = rng(4);
    // A JS-allocated output Buffer, written at a non-zero offset, with guard bytes around.
    const offset = 7;
    const output = Buffer.alloc(size + offset + 5, 0xaa);
    const expected = Buffer.alloc(size + offset + 5, 0xaa);
    bu.mask(source, mask, output, offset, size);
    jsMask(source, mask, expected, offset, size);
    expect(output.equals(expected), `mask at size ${size}`).toBe(true);

    const data = Buffer.from(source);
    bu.unmask(data, mask);
    const unmasked = Buffer.alloc(size);
    jsMask(source, mask, unmasked, 0, size);
    expect(data.equals(unmasked), `unmask at size ${size}`).toBe(true);
  }
  // A view into a larger ArrayBuffer: only its own bytes change.
  const backing = Buffer.alloc(64, 1);
  const view = backing.subarray(16, 48);
  bu.unmask(view, Buffer.from([0xff, 0, 0xff, 0]));
  expect([...backing.subarray(0, 16)].every((b) => b === 1)).toBe(true);
  expect([...backing.subarray(48)].every((b) => b === 1)).toBe(true);
  expect(view[0]).toBe(0xfe);
  expect(view[1]).toBe(1);
}

describe('bufferutil@4.1.0 from npm', () => {
  it.runIf(hasSystemClang)('compiles with system clang and matches the JS reference for 0 to 64 KiB', async () => {
    const build = await buildWasm(bufferutilDir, { toolchain: 'system' });
    expect(build.result.addons.map((a) => a.name)).toEqual(['bufferutil']);
    checkAgainstReference(build.load() as Bufferutil);
  });

  it('compiles with the embedded @yowasp/clang and matches the JS reference', async () => {
    const build = await buildWasm(bufferutilDir, { toolchain: 'yowasp' });
    checkAgainstReference(build.load() as Bufferutil);
  });
});

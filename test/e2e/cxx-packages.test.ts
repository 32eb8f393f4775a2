// Real node-addon-api packages built with C++ exceptions, converted in place
// by `napi-wasm build`, against the same sources built natively with node-gyp.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { buildNativePackage } from '../helpers/native.js';
import { fixturesDir, freshDir } from '../helpers/paths.js';

const require = createRequire(import.meta.url);
const template = path.join(fixturesDir, 'apps', 'cxx-app');

type Bcrypt = {
  hashSync(data: unknown, salt: unknown): string;
  compareSync(data: unknown, hash: unknown): boolean;
  genSaltSync(rounds?: number): string;
  hash(data: string, salt: string | number): Promise<string>;
  compare(data: string, hash: string): Promise<boolean>;
  getRounds(hash: string): number;
};

describe('C++ packages with exceptions: wasm (napi-wasm build) vs native (node-gyp)', async () => {
  const app = freshDir('cxx-app');
  fs.cpSync(template, app, { recursive: true });
  const build = runCli(['build', app, '--json']);
  const outcomes = Object.fromEntries((JSON.parse(build.stdout) as { outcomes: { name: string; status: string; message: string }[] }).outcomes.map((o) => [o.name, o]));
  const pkg = (name: string) => path.join(app, 'node_modules', name);
  // The oracle is built from the untouched install, not the converted copy.
  const nativePkg = (name: string) => buildNativePackage(path.join(template, 'node_modules', name));

  it('both packages convert', () => {
    expect(outcomes.bcrypt?.status, outcomes.bcrypt?.message).toBe('converted');
    expect(outcomes.keccak?.status, outcomes.keccak?.message).toBe('converted');
  });

  describe('keccak@3.0.4', () => {
    it('the Wasm binding serves the calls and matches the native digests', () => {
      // bindings.js has no JS fallback: it is the compiled addon or an error.
      const wasmBindings = require(path.join(pkg('keccak'), 'bindings.js')) as (alg: string, opts?: unknown) => { update(d: Buffer): unknown; digest(e?: string): string };
      const nativeBindings = require(path.join(nativePkg('keccak'), 'bindings.js')) as typeof wasmBindings;
      for (const alg of ['keccak224', 'keccak256', 'keccak384', 'keccak512', 'sha3-224', 'sha3-256', 'sha3-384', 'sha3-512']) {
        for (const size of [0, 1, 135, 136, 137, 1000, 65536]) {
          const data = Buffer.alloc(size, size % 251);
          const digest = (b: typeof wasmBindings) => (b(alg).update(data) as { digest(e: string): string }).digest('hex');
          expect(digest(wasmBindings), `${alg} ${size}`).toBe(digest(nativeBindings));
        }
      }
      const shake = (b: typeof wasmBindings) => (b('shake256') as unknown as { update(d: Buffer): { squeeze(n: number): Buffer } }).update(Buffer.from('abc')).squeeze(64).toString('hex');
      expect(shake(wasmBindings)).toBe(shake(nativeBindings));
      expect(Object.keys(require.cache).some((k) => k.startsWith(path.join(fs.realpathSync(pkg('keccak')), 'napi-wasm')))).toBe(true);
    });
  });

  describe('bcrypt@6.0.0', () => {
    const wasm = () => require(pkg('bcrypt')) as Bcrypt;
    const native = () => require(nativePkg('bcrypt')) as Bcrypt;

    it('hashSync and compareSync, each verifying the other build\'s hashes', () => {
      const w = wasm();
      const n = native();
      const salt = w.genSaltSync(4);
      expect(w.getRounds(salt)).toBe(4);
      const fromWasm = w.hashSync('correct horse', salt);
      expect(fromWasm).toBe(n.hashSync('correct horse', salt));
      expect(n.compareSync('correct horse', fromWasm)).toBe(true);
      const fromNative = n.hashSync('battery staple', n.genSaltSync(5));
      expect(w.compareSync('battery staple', fromNative)).toBe(true);
      expect(w.compareSync('wrong', fromNative)).toBe(false);
    });

    it('async hash and compare run as AsyncWorkers on the event loop', async () => {
      const w = wasm();
      const hash = await w.hash('async secret', 4);
      expect(await w.compare('async secret', hash)).toBe(true);
      expect(await w.compare('nope', hash)).toBe(false);
      expect(native().compareSync('async secret', hash)).toBe(true);
    });

    it('invalid arguments throw the same errors as the native build', async () => {
      const w = wasm();
      const n = native();
      const outcome = (f: () => unknown) => {
        try {
          return { value: f() };
        } catch (e) {
          return { name: (e as Error).name, message: (e as Error).message };
        }
      };
      const cases: [string, (b: Bcrypt) => unknown][] = [
        ['hashSync(undefined, salt)', (b) => b.hashSync(undefined, '$2b$04$abcdefghijklmnopqrstuu')],
        ['hashSync(data, {})', (b) => b.hashSync('x', {})],
        ['hashSync(data, "bad salt")', (b) => b.hashSync('x', 'bad salt')],
        ['compareSync(data, 1)', (b) => b.compareSync('x', 1)],
        ['getRounds("junk")', (b) => b.getRounds('junk')],
      ];
      for (const [name, run] of cases) expect(outcome(() => run(w)), name).toEqual(outcome(() => run(n)));
      // The native rejection first: a wasm promise made before it would reject while nothing handles it yet.
      const nativeError = (await n.hash('x', 'bad salt').catch((e: unknown) => e)) as Error;
      await expect(w.hash('x', 'bad salt')).rejects.toThrow(nativeError.message);

      // The raw binding: its C++ code throws Napi::TypeError, which must reach JS as a TypeError.
      type Raw = Record<string, (...args: unknown[]) => unknown>;
      const rawWasm = require(path.join(pkg('bcrypt'), 'napi-wasm', 'bcrypt_lib.cjs')) as Raw;
      const rawNative = require(path.join(nativePkg('bcrypt'), 'build', 'Release', 'bcrypt_lib.node')) as Raw;
      const rawCases: [string, (r: Raw) => unknown][] = [
        ['encrypt_sync()', (r) => r.encrypt_sync!()],
        ['encrypt_sync(1, salt)', (r) => r.encrypt_sync!(1, '$2b$04$abcdefghijklmnopqrstuu')],
        ['compare_sync("x")', (r) => r.compare_sync!('x')],
        ['gen_salt_sync("b", 4)', (r) => r.gen_salt_sync!('b', 4)],
        ['get_rounds(5)', (r) => r.get_rounds!(5)],
      ];
      for (const [name, run] of rawCases) {
        const got = outcome(() => run(rawWasm));
        expect(got, name).toEqual(outcome(() => run(rawNative)));
        expect(got, name).toHaveProperty('name', 'TypeError');
      }
    });
  });
});

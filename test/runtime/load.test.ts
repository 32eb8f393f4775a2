import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAddon, loadAddonSync, NapiStatus } from '../../runtime/index.js';
import { prepare } from '../../runtime/instantiate.js';
import { repoRoot } from '../helpers/paths.js';
import { fixtureBytes } from './load.js';

// A module with only a memory export: not an addon.
const MEMORY_ONLY = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x0a, 0x01, 0x06, 0x6d,
  0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x00,
]);

// A module importing napi.napi_made_up (a function no header declares) and
// exporting f(), which calls it.
const IMPORTS_UNKNOWN = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, 0x02, 0x15, 0x01,
  0x04, ...[...'napi'].map((c) => c.charCodeAt(0)), 0x0c, ...[...'napi_made_up'].map((c) => c.charCodeAt(0)),
  0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x01, 0x0a, 0x06, 0x01, 0x04, 0x00,
  0x10, 0x00, 0x0b,
]);

describe('loading', async () => {
  const bytes = await fixtureBytes('hello');
  const body = new Uint8Array(bytes);
  const wasmResponse = () => new Response(body, { headers: { 'content-type': 'application/wasm' } });

  it('loadAddonSync takes bytes, an ArrayBuffer or a compiled Module', () => {
    expect(loadAddonSync(bytes).hello()).toBe('world');
    const copy = bytes.slice().buffer;
    expect(loadAddonSync(copy).hello()).toBe('world');
    expect(loadAddonSync(new WebAssembly.Module(body)).add(1, 2)).toBe(3);
  });

  it('loadAddon takes bytes, a Module, a Response, a promised Response or a URL', async () => {
    expect((await loadAddon(bytes)).hello()).toBe('world');
    expect((await loadAddon(await WebAssembly.compile(body))).hello()).toBe('world');
    expect((await loadAddon(wasmResponse())).hello()).toBe('world');
    expect((await loadAddon(Promise.resolve(wasmResponse()))).hello()).toBe('world');
    // Without the wasm content type streaming compilation refuses; the bytes are compiled instead.
    expect((await loadAddon(new Response(body))).hello()).toBe('world');
    const url = `data:application/wasm;base64,${Buffer.from(bytes).toString('base64')}`;
    expect((await loadAddon(url)).hello()).toBe('world');
    expect((await loadAddon(new URL(url))).hello()).toBe('world');
  });

  it('a failed fetch names the addon', async () => {
    const notFound = new Response('nope', { status: 404 });
    await expect(loadAddon(notFound, { name: 'pkg/target' })).rejects.toThrow(/^pkg\/target: fetching .* failed with HTTP 404/);
  });

  it('each load is its own env; many addons live in one realm', () => {
    const one = loadAddonSync(bytes);
    const two = loadAddonSync(bytes);
    expect(one.hello).not.toBe(two.hello);
    const buf = Buffer.alloc(4);
    one.fill(buf, 0, 2, 1);
    two.fill(buf, 2, 2, 2);
    expect([...buf]).toEqual([1, 1, 2, 2]);
    expect(one.add(1, 1) + two.add(2, 2)).toBe(6);
  });

  it('error messages use the name, else the file name, else "addon"', () => {
    expect(() => loadAddonSync(MEMORY_ONLY, { name: 'pkg/x' })).toThrow(
      new Error('pkg/x: the module does not export __indirect_function_table'),
    );
    expect(() => loadAddonSync(MEMORY_ONLY, { filename: '/a/b/thing.wasm' })).toThrow(/^thing: /);
    expect(() => loadAddonSync(MEMORY_ONLY)).toThrow(/^addon: /);
  });

  it('an import the runtime lacks throws when called, naming the addon and the function', () => {
    const module = new WebAssembly.Module(IMPORTS_UNKNOWN);
    const { imports } = prepare(module, { name: 'pkg/t', filename: '', stdout() {}, stderr() {}, env: {}, args: [] });
    const instance = new WebAssembly.Instance(module, imports);
    expect(() => (instance.exports.f as () => number)()).toThrow(
      new Error('pkg/t: napi_made_up is not implemented by the napi-wasm runtime yet'),
    );
  });

  it('exports the NapiStatus codes', () => {
    expect(NapiStatus.ok).toBe(0);
    expect(NapiStatus.pending_exception).toBe(10);
    expect(NapiStatus.cannot_run_js).toBe(23);
  });

  it('the bundled runtime (dist) loads addons as ESM and CommonJS', async () => {
    const esm = await import(path.join(repoRoot, 'dist/runtime/napi-runtime.mjs'));
    expect(esm.loadAddonSync(bytes).hello()).toBe('world');
    const cjs = createRequire(import.meta.url)(path.join(repoRoot, 'dist/runtime/napi-runtime.cjs'));
    expect((await cjs.loadAddon(bytes)).add(2, 3)).toBe(5);
  });
});

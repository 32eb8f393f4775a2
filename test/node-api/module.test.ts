import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NapiStatus as S } from '../../runtime/index.js';
import { moduleFileUrl } from '../../runtime/node-api/module-info.js';
import { loadNativeFixture, loadWasm } from './helpers.js';

interface ModuleInfo {
  nodeVersion(): { major: number; minor: number; patch: number; release: string };
  fileName(): string;
  loop(): [number, boolean, boolean, boolean, boolean];
  checks(): number[];
}

describe('module information (fixtures/node-api-module)', async () => {
  const wasm = await loadWasm<ModuleInfo>('node-api-module', { filename: '/addons/my addon#1.wasm' });
  const native = loadNativeFixture<ModuleInfo>('node-api-module', 'node_api_module');
  const both = [
    ['wasm', wasm],
    ['native', native],
  ] as const;

  it.each(both)('%s: napi_get_node_version reports the Node version the process runs', (_, a) => {
    const [major, minor, patch] = process.versions.node.split('.').map(Number);
    expect(a.nodeVersion()).toEqual({ major, minor, patch, release: 'node' });
  });

  it('outside Node (no process.versions.node) it reports 22.14.0, the first Node with Node-API 10, release "napi-wasm"', async () => {
    const g = globalThis as { process?: unknown };
    const fresh = await loadWasm<ModuleInfo>('node-api-module');
    const saved = g.process;
    g.process = undefined;
    try {
      expect(fresh.nodeVersion()).toEqual({ major: 22, minor: 14, patch: 0, release: 'napi-wasm' });
    } finally {
      g.process = saved;
    }
  });

  it('node_api_get_module_file_name: the loader\'s filename as a file: URL, as Node gives the .node file\'s', () => {
    expect(wasm.fileName()).toBe('file:///addons/my%20addon%231.wasm');
    expect(native.fileName()).toMatch(/^file:\/\/\/.*\/node_api_module\.node$/);
    for (const p of ['/a/b c/d.wasm', '/x/%41?y#z.wasm', '/tab\there/é.wasm']) {
      expect(moduleFileUrl(p), p).toBe(pathToFileURL(p).href);
    }
    expect(moduleFileUrl('C:\\addons\\x y.wasm')).toBe('file:///C:/addons/x%20y.wasm');
    expect(moduleFileUrl('https://example.com/a.wasm')).toBe('https://example.com/a.wasm');
  });

  it('without a filename option it is the empty string', async () => {
    expect((await loadWasm<ModuleInfo>('node-api-module')).fileName()).toBe('');
  });

  it.each(both)('%s: napi_get_uv_event_loop gives uv_default_loop(), the same each time', (_, a) => {
    expect(a.loop()).toEqual([S.ok, true, true, true, true]);
    expect(a.checks()).toEqual([S.invalid_arg, S.invalid_arg, S.invalid_arg]);
  });
});

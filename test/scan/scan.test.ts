// scan on real packages from npm: every kind, in every node_modules layout.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanProject } from '../../compiler/scan/scan.js';
import { readImportedSymbols, apiUse } from '../../compiler/scan/binary-imports.js';
import { runCli } from '../helpers/cli.js';
import { fixturesDir, freshDir } from '../helpers/paths.js';

const corpus = path.join(fixturesDir, 'scan-corpus');
const kindOf = (name: string) => scanProject(corpus).addons.find((a) => a.name === name);

describe('scan classifies real packages', () => {
  it.each([
    ['bufferutil', 'node-api-c'],
    ['utf-8-validate', 'node-api-c'],
    ['bigint-buffer', 'node-api-c'],
    ['keccak', 'node-addon-api'],
    ['msgpackr-extract', 'mixed'],
    ['cpu-features', 'nan-v8'],
    ['dtrace-provider', 'nan-v8'],
    ['re2', 'nan-v8'],
    ['snappy', 'napi-rs'],
    ['@node-rs/crc32', 'napi-rs'],
    ['sharp', 'needs-system-library'],
  ])('%s is %s', (name, kind) => {
    expect(kindOf(name)?.kind).toBe(kind);
  });

  it('reports what to do: napi-rs Wasm builds, sharp\'s own wasm32 build, the V8 path of mixed packages', () => {
    expect(kindOf('snappy')?.action).toMatch(/use its own Wasm build \(@napi-rs\/snappy-wasm32-wasi\)/);
    expect(kindOf('@node-rs/crc32')?.wasmBuilds).toEqual(['@node-rs/crc32-wasm32-wasi']);
    expect(kindOf('sharp')).toMatchObject({ convertible: false, wasmBuilds: ['@img/sharp-freebsd-wasm32', '@img/sharp-webcontainers-wasm32'] });
    expect(kindOf('sharp')?.action).toMatch(/ships its own Wasm build/);
    expect(kindOf('sharp')?.systemLibraries).toContain('pkg-config');
    expect(kindOf('msgpackr-extract')?.action).toMatch(/Node-API path/);
    expect(kindOf('cpu-features')?.signals.join('\n')).toMatch(/nan\.h/);
  });

  it('reads prebuilt binaries: Node-API vs V8 imports from ELF, Mach-O and PE', () => {
    const prebuilds = path.join(corpus, 'node_modules', 'bufferutil', 'prebuilds');
    const formats = new Set<string>();
    for (const dir of fs.readdirSync(prebuilds)) {
      const r = readImportedSymbols(fs.readFileSync(path.join(prebuilds, dir, 'bufferutil.node')));
      formats.add(r.format);
      expect(apiUse(r.symbols), dir).toBe('node-api');
    }
    expect([...formats].sort()).toEqual(['elf', 'macho', 'pe']);
    const msgpackrLinux = kindOf('@msgpackr-extract/msgpackr-extract-linux-x64');
    expect(msgpackrLinux).toMatchObject({ kind: 'prebuilt-only', binaryApi: 'node-api+v8', platformPackageOf: 'msgpackr-extract' });
  });

  it('counts each physical package once across hoisted, nested and pnpm-style symlinked layouts', () => {
    const root = freshDir('layout');
    const store = path.join(root, 'node_modules', '.pnpm', 'bufferutil@4.1.0', 'node_modules');
    fs.mkdirSync(store, { recursive: true });
    fs.cpSync(path.join(corpus, 'node_modules', 'bufferutil'), path.join(store, 'bufferutil'), { recursive: true });
    // pnpm: a top-level symlink into the store, and a nested one from another package.
    fs.symlinkSync(path.join(store, 'bufferutil'), path.join(root, 'node_modules', 'bufferutil'));
    const other = path.join(root, 'node_modules', 'ws');
    fs.mkdirSync(path.join(other, 'node_modules'), { recursive: true });
    fs.writeFileSync(path.join(other, 'package.json'), '{"name":"ws","version":"8.0.0"}');
    fs.symlinkSync(path.join(store, 'bufferutil'), path.join(other, 'node_modules', 'bufferutil'));
    // npm nested copy of another version: a different physical package.
    fs.cpSync(path.join(corpus, 'node_modules', 'utf-8-validate'), path.join(other, 'node_modules', 'utf-8-validate'), { recursive: true });
    const r = scanProject(root);
    expect(r.addons.map((a) => `${a.name}:${a.path}`)).toEqual(['bufferutil:node_modules/bufferutil', 'utf-8-validate:node_modules/ws/node_modules/utf-8-validate']);
  });

  it('finds workspace packages and their own node_modules', () => {
    const root = freshDir('workspaces');
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }));
    const ws = path.join(root, 'packages', 'app');
    fs.mkdirSync(path.join(ws, 'node_modules'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'package.json'), '{"name":"app","version":"1.0.0"}');
    fs.cpSync(path.join(corpus, 'node_modules', 'bufferutil'), path.join(ws, 'node_modules', 'bufferutil'), { recursive: true });
    expect(scanProject(root).addons.map((a) => a.path)).toEqual(['packages/app/node_modules/bufferutil']);
  });

  it('prints a table, or the documented JSON with --json', () => {
    const table = runCli(['scan', corpus]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^PACKAGE +KIND +ACTION$/m);
    expect(table.stdout).toMatch(/^re2@1\.27\.1 +nan-v8 +unsupported/m);
    const json = JSON.parse(runCli(['scan', corpus, '--json']).stdout) as { schemaVersion: number; addons: { name: string; kind: string; convertible: boolean }[] };
    expect(json.schemaVersion).toBe(1);
    expect(json.addons.filter((a) => a.convertible).map((a) => a.name).sort()).toEqual(['bigint-buffer', 'bufferutil', 'keccak', 'msgpackr-extract', 'utf-8-validate']);
  });
});

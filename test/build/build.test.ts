// `napi-wasm build` / `restore` on a copy of the fixture app, whose real
// packages come from npm with --ignore-scripts (so no native build exists).
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fixturesDir, freshDir } from '../helpers/paths.js';

const appTemplate = path.join(fixturesDir, 'apps', 'convert-app');
// Every package of the fixture app.
const WORKING = ['bufferutil', 'utf-8-validate', 'msgpackr-extract', 'bigint-buffer', 'keccak'];

function copyApp(): string {
  const dir = freshDir('app');
  fs.cpSync(appTemplate, dir, { recursive: true, verbatimSymlinks: true });
  return dir;
}

/** Hash of every file in the tree; the compile cache is meant to outlive a restore. */
function treeHash(dir: string): string {
  const hash = crypto.createHash('sha256');
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(d, e.name);
      const rel = path.relative(dir, full);
      if (rel === path.join('node_modules', '.cache')) continue;
      hash.update(rel);
      if (e.isDirectory()) walk(full);
      else if (e.isSymbolicLink()) hash.update(fs.readlinkSync(full));
      else hash.update(fs.readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

const build = (app: string, ...args: string[]) => runCli(['build', app, '--json', ...args]);
type Report = { exitCode: number; outcomes: { name: string; status: string; fromCache: boolean; message: string }[] };
const outcomes = (r: { stdout: string }) => Object.fromEntries((JSON.parse(r.stdout) as Report).outcomes.map((o) => [o.name, o]));
const check = (app: string, pkgs: string[]) => spawnSync(process.execPath, ['check.cjs', ...pkgs], { cwd: app, encoding: 'utf8' });

describe('napi-wasm build', () => {
  it('converts the app in place; each package then serves calls from Wasm', () => {
    const app = copyApp();
    const r = build(app);
    const o = outcomes(r);
    for (const name of WORKING) expect(o[name]?.status, name).toBe('converted');
    expect(o['msgpackr-extract']?.status).toBe('converted');
    expect(o['bigint-buffer']?.status).toBe('converted');
    // Node loads the app's one runtime through its V8 code cache (compiler/code-cache.ts).
    const runtimeDir = path.join(app, 'node_modules', '.napi-wasm');
    expect(fs.readdirSync(runtimeDir)).toEqual(expect.arrayContaining(['runtime.cjs', 'runtime.cjs.v8cache', 'runtime.node.cjs', 'runtime.mjs']));
    const c = check(app, WORKING);
    expect(c.stderr).toBe('');
    expect(c.stdout).toBe(WORKING.map((p) => `ok ${p}\n`).join(''));
  });

  it('is idempotent, restores byte for byte, and rebuilds from the cache', () => {
    const app = copyApp();
    const before = treeHash(app);
    expect(build(app).code).toBe(0);
    const converted = treeHash(app);
    // A no-op needs no compiler at all: it succeeds even with an unusable one configured.
    const again = runCli(['build', app, '--json'], { env: { NAPI_WASM_CLANG: '/nonexistent/clang' } });
    expect(again.code).toBe(0);
    expect(Object.values(outcomes(again)).filter((o) => o.status === 'converted')).toEqual([]);
    expect(outcomes(again).bufferutil?.status).toBe('up-to-date');
    expect(treeHash(app)).toBe(converted);

    expect(runCli(['restore', app]).code).toBe(0);
    expect(treeHash(app)).toBe(before);

    const rebuilt = outcomes(build(app));
    expect(rebuilt.bufferutil).toMatchObject({ status: 'converted', fromCache: true });
    expect(check(app, WORKING).status).toBe(0);
  });

  it('isolates failures: a broken addon fails the build, is left untouched, and the others convert', () => {
    const app = copyApp();
    const broken = path.join(app, 'node_modules', 'broken-addon');
    fs.cpSync(path.join(fixturesDir, 'bad', 'compile-error'), broken, { recursive: true });
    fs.writeFileSync(path.join(broken, 'package.json'), JSON.stringify({ name: 'broken-addon', version: '1.0.0', main: 'index.js' }));
    fs.writeFileSync(path.join(broken, 'index.js'), "module.exports = require('node-gyp-build')(__dirname);\n");
    const brokenBefore = treeHash(broken);
    const r = build(app);
    expect(r.code).toBe(1);
    const o = outcomes(r);
    expect(o['broken-addon']?.status).toBe('failed');
    expect(o['broken-addon']?.message).toMatch(/src\/broken\.c:4: compile error/);
    expect(o.bufferutil?.status).toBe('converted');
    expect(treeHash(broken)).toBe(brokenBefore);
  });

  it('reports unsupported packages with exit 0, and exit 1 under --strict', () => {
    const app = copyApp();
    fs.cpSync(path.join(fixturesDir, 'scan-corpus', 'node_modules', 'cpu-features'), path.join(app, 'node_modules', 'cpu-features'), { recursive: true });
    const r = build(app);
    expect(r.code).toBe(0);
    expect(outcomes(r)['cpu-features']).toMatchObject({ status: 'unsupported' });
    expect(build(app, '--strict').code).toBe(1);
  });

  it('--dry-run compiles but changes nothing', () => {
    const app = copyApp();
    const before = treeHash(app);
    const o = outcomes(build(app, '--dry-run', '--cache-dir', freshDir('cache')));
    expect(o.bufferutil?.status).toBe('would-convert');
    expect(treeHash(app)).toBe(before);
  });

  it('takes a lock: a second build fails clearly while one runs, and a stale lock is taken over', async () => {
    const app = copyApp();
    const lock = path.join(app, 'node_modules', '.napi-wasm.lock');
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      fs.writeFileSync(lock, String(holder.pid));
      const r = runCli(['build', app]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/another napi-wasm build or restore is running on this project \(pid \d+\)/);
    } finally {
      holder.kill();
    }
    // A stale lock (its process is gone) is taken over.
    await new Promise((r) => holder.once('exit', r));
    expect(runCli(['build', app]).code).toBe(0);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('rolls back a package that a crashed build left half converted', () => {
    const app = copyApp();
    const before = treeHash(app);
    expect(build(app).code).toBe(0);
    // Simulate a crash in the middle of bufferutil: its record is still pending.
    const manifestFile = path.join(app, 'node_modules', '.napi-wasm', 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { packages: { name: string }[]; pending: unknown };
    manifest.pending = manifest.packages.find((p) => p.name === 'bufferutil');
    manifest.packages = manifest.packages.filter((p) => p.name !== 'bufferutil');
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    const r = build(app);
    expect(r.stderr).toMatch(/bufferutil: an earlier build stopped while converting it; its changes were undone/);
    expect(outcomes(r).bufferutil?.status).toBe('converted');
    expect(runCli(['restore', app]).code).toBe(0);
    expect(treeHash(app)).toBe(before);
  });
});

// The two ways napi-wasm runs without a manual build step: an npm postinstall
// hook, and the register preload for code that requires .node files.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, freshDir, repoRoot } from '../helpers/paths.js';

const appTemplate = path.join(fixturesDir, 'apps', 'convert-app');

describe('postinstall', () => {
  it('an app whose postinstall is `napi-wasm build` is converted by npm install', () => {
    const app = freshDir('postinstall');
    fs.writeFileSync(
      path.join(app, 'package.json'),
      JSON.stringify({ name: 'postinstall-app', private: true, scripts: { postinstall: 'napi-wasm build' }, dependencies: { bufferutil: '4.1.0', 'napi-wasm-build': `file:${repoRoot}` } }, null, 2),
    );
    fs.copyFileSync(path.join(appTemplate, 'check.cjs'), path.join(app, 'check.cjs'));
    const out = execFileSync('npm', ['install', '--no-audit', '--no-fund', '--foreground-scripts', '--loglevel=error'], { cwd: app, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out + '').not.toMatch(/FAILED/);
    const check = spawnSync(process.execPath, ['check.cjs', 'bufferutil'], { cwd: app, encoding: 'utf8' });
    expect(check.stdout).toBe('ok bufferutil\n');
    expect(fs.existsSync(path.join(app, 'node_modules', 'bufferutil', 'napi-wasm', 'bufferutil.wasm'))).toBe(true);
  });
});

describe('napi-wasm-build/register', () => {
  it('serves require() of a .node file from its Wasm build, with no rewrite', () => {
    const app = freshDir('register');
    fs.cpSync(appTemplate, app, { recursive: true });
    const script = `
      const { mask } = require('bufferutil');
      const out = Buffer.alloc(4);
      mask(Buffer.from('abcd'), Buffer.from([1, 1, 1, 1]), out, 0, 4);
      const served = [...globalThis[Symbol.for('napi-wasm.register')].keys()].map((f) => require('path').relative(process.cwd(), f));
      console.log(JSON.stringify({ out: out.toString(), served }));`;
    const r = spawnSync(process.execPath, ['--require', path.join(repoRoot, 'dist', 'register.cjs'), '-e', script], { cwd: app, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    // bufferutil's loader found its native prebuild; the preload served the Wasm build in its place.
    expect(JSON.parse(r.stdout)).toEqual({ out: '`cbe', served: ['node_modules/bufferutil/prebuilds/linux-x64/bufferutil.node'] });
    expect(fs.readFileSync(path.join(app, 'node_modules', 'bufferutil', 'index.js'), 'utf8')).not.toMatch(/napi-wasm/);
  });
});

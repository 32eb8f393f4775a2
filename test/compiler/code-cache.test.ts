// `napi-wasm compile` writes the runtime's V8 code cache beside the loader
// (compiler/code-cache.ts). V8 must accept it in this Node, and the loader
// must still work when the cache is missing, stale or garbage.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeCacheFile, wrapBundle } from '../../compiler/code-cache.js';
import { compileAddon } from '../../compiler/index.js';
import { fixturesDir, freshDir, testCacheDir } from '../helpers/paths.js';

describe('V8 code cache of the runtime', () => {
  let outDir: string;
  let loader: string;
  let bundle: string;

  beforeAll(async () => {
    outDir = freshDir('code-cache');
    const result = await compileAddon({ addonDir: path.join(fixturesDir, 'hello'), outDir, cacheDir: path.join(testCacheDir, 'compile-cache') });
    loader = result.addons[0]!.loaderFile;
    bundle = path.join(outDir, 'napi-runtime.cjs');
  }, 120_000);
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  const callHello = () =>
    execFileSync(process.execPath, ['-e', 'process.stdout.write(String(require(process.argv[1]).hello()))', loader], { encoding: 'utf8' });

  it('is written beside the runtime, and this Node accepts it', () => {
    const cachedData = fs.readFileSync(codeCacheFile(bundle));
    expect(cachedData.length).toBeGreaterThan(1000);
    const script = new vm.Script(wrapBundle(fs.readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
    expect(script.cachedDataRejected).toBe(false);
    expect(callHello()).toBe('world');
  });

  it('is not needed: a missing, stale or corrupt cache only means a normal compile', () => {
    const file = codeCacheFile(bundle);
    const good = fs.readFileSync(file);
    try {
      fs.writeFileSync(file, Buffer.from('not a V8 code cache'));
      expect(callHello()).toBe('world');
      fs.rmSync(file);
      expect(callHello()).toBe('world');
      fs.appendFileSync(bundle, '\n// the runtime changed after the cache was made\n');
      fs.writeFileSync(file, good);
      expect(callHello()).toBe('world');
    } finally {
      fs.writeFileSync(file, good);
    }
  });
});

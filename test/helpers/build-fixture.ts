// Builds a fixture (a folder with a binding.gyp) with napi-wasm's own
// pipeline and returns the .wasm bytes of its first addon target. Finished
// builds are cached by content under .cache/test.
import fs from 'node:fs';
import path from 'node:path';
import { compileAddon } from '../../compiler/index.js';
import { freshDir, testCacheDir } from './paths.js';

export async function buildFixtureWasm(dir: string, target?: string): Promise<Uint8Array> {
  const outDir = freshDir(`fixture-${path.basename(dir)}`);
  try {
    const result = await compileAddon({ addonDir: dir, outDir, cacheDir: path.join(testCacheDir, 'compile-cache') });
    const addon = result.addons.find((a) => !target || a.name === target) ?? result.addons[0]!;
    return fs.readFileSync(addon.wasmFile);
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

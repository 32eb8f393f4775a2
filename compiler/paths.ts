// Where our own files and the packages we depend on live on disk.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);

function findPackageRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`napi-wasm: cannot find its own package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** Root of the napi-wasm package (works from compiler/*.ts and from dist/). */
export const packageRoot = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

export const shimsDir = path.join(packageRoot, 'napi-shims');
export const shimsIncludeDir = path.join(shimsDir, 'include');
export const gypSupportDir = path.join(packageRoot, 'compiler', 'gyp');

/** The runtime bundle that generated loaders require. */
export const runtimeBundleCjs = path.join(packageRoot, 'dist', 'runtime', 'napi-runtime.cjs');
export const runtimeBundleEsm = path.join(packageRoot, 'dist', 'runtime', 'napi-runtime.mjs');

/** Official Node-API headers from npm `node-api-headers`. */
export const nodeApiHeadersDir = path.join(path.dirname(require.resolve('node-api-headers/package.json')), 'include');

/** gyp-next as bundled by node-gyp. */
export const gypMain = path.join(path.dirname(require.resolve('node-gyp/package.json')), 'gyp', 'gyp_main.py');
export const nodeGypAddonGypi = path.join(path.dirname(require.resolve('node-gyp/package.json')), 'addon.gypi');
export const nodeGypDir = path.dirname(require.resolve('node-gyp/package.json'));

export const toolVersion: string = (JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;

/** The package.json "name" that owns `dir`, or the folder name. */
export function packageNameOf(dir: string): string {
  let d = path.resolve(dir);
  for (;;) {
    const pj = path.join(d, 'package.json');
    if (fs.existsSync(pj)) {
      try {
        const name = (JSON.parse(fs.readFileSync(pj, 'utf8')) as { name?: unknown }).name;
        if (typeof name === 'string' && name) return name;
      } catch {
        // fall through to the folder name
      }
      return path.basename(d);
    }
    const parent = path.dirname(d);
    if (parent === d) return path.basename(path.resolve(dir));
    d = parent;
  }
}

export function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

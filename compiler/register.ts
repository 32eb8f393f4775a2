// `node --require napi-wasm-build/register app.js`: every require() of a
// .node file loads that addon's Wasm build instead, compiled on first use
// (synchronously, in a child process) and cached. A package's own tests can
// then run against the Wasm build with no rewrite.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';

type ModuleInternals = typeof Module & {
  _extensions: Record<string, (module: { exports: unknown }, filename: string) => void>;
  _resolveFilename: (request: string, parent: { filename?: string; path?: string } | undefined, ...rest: unknown[]) => string;
};
const M = Module as ModuleInternals;

const here = path.dirname(__filename);
const cli = path.join(here, '..', 'bin', 'napi-wasm.js');
const runtime = path.join(here, 'runtime', 'napi-runtime.cjs');

/** Addons served so far: .node path → Wasm file. */
const served = new Map<string, string>();
(globalThis as Record<symbol, unknown>)[Symbol.for('napi-wasm.register')] = served;

function packageRoot(file: string): string {
  let dir = path.dirname(file);
  while (!fs.existsSync(path.join(dir, 'binding.gyp'))) {
    const parent = path.dirname(dir);
    if (parent === dir || path.basename(dir) === 'node_modules') throw new Error(`napi-wasm register: no binding.gyp above ${file}, so its Wasm build cannot be made`);
    dir = parent;
  }
  return dir;
}

function cacheDirFor(pkgDir: string): string {
  const nm = pkgDir.lastIndexOf(`${path.sep}node_modules${path.sep}`);
  const root = nm >= 0 ? pkgDir.slice(0, nm) : pkgDir;
  const pj = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { name?: string; version?: string };
  return path.join(root, 'node_modules', '.cache', 'napi-wasm', 'register', `${(pj.name ?? path.basename(pkgDir)).replace(/[/@]/g, '_')}@${pj.version ?? '0'}`);
}

function wasmFor(nodeFile: string): string {
  const pkgDir = packageRoot(nodeFile);
  const out = cacheDirFor(pkgDir);
  const wasmFiles = () => (fs.existsSync(out) ? fs.readdirSync(out).filter((f) => f.endsWith('.wasm')) : []);
  if (wasmFiles().length === 0) {
    execFileSync(process.execPath, [cli, 'compile', pkgDir, '--out', out, '--cache-dir', path.join(out, '..', '..')], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const files = wasmFiles();
  // build/Release/<target>.node names its target; prebuilds (node.napi.node...) only do when there is one target.
  const named = files.find((f) => f === `${path.basename(nodeFile, '.node')}.wasm`);
  const chosen = named ?? (files.length === 1 ? files[0] : undefined);
  if (!chosen) throw new Error(`napi-wasm register: cannot tell which of ${files.join(', ')} ${nodeFile} is`);
  return path.join(out, chosen);
}

M._extensions['.node'] = (module, filename) => {
  const wasm = wasmFor(filename);
  const { loadAddonSync } = require(runtime) as { loadAddonSync: (b: Uint8Array, o: object) => unknown };
  module.exports = loadAddonSync(fs.readFileSync(wasm), { name: `${path.basename(packageRoot(filename))}/${path.basename(wasm, '.wasm')}`, filename: wasm });
  served.set(filename, wasm);
};

// A .node file that was never built natively still resolves, so the hook above can serve it.
const resolve = M._resolveFilename;
M._resolveFilename = function (request, parent, ...rest) {
  try {
    return resolve.call(this, request, parent, ...rest);
  } catch (err) {
    if (!request.endsWith('.node') || !parent?.filename) throw err;
    return path.resolve(path.dirname(parent.filename), request);
  }
};

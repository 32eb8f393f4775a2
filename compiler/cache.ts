// The compile cache: finished .wasm files keyed by a content hash of
// everything that decides them — every source and header the compiles can
// read, every flag, the toolchain, and napi-wasm's own version and shims.
// Any shared folder works as a cache (--cache-dir), across projects and CI machines.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BuildPlan } from './plan.js';
import { shimsDir, toolVersion } from './paths.js';
import type { Toolchain } from './toolchain/types.js';
import { writeFileAtomic } from './files.js';

const HASHED_EXTENSIONS = /\.(c|cc|cpp|cxx|c\+\+|h|hh|hpp|hxx|h\+\+|inc|inl|ipp|tcc|def|gyp|gypi)$/i;

function hashFolder(hash: crypto.Hash, dir: string, seen: Set<string>): void {
  if (seen.has(dir)) return;
  seen.add(dir);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== '.git' && e.name !== 'build') hashFolder(hash, full, seen);
    } else if (HASHED_EXTENSIONS.test(e.name)) {
      hash.update(full).update('\0').update(fs.readFileSync(full));
    }
  }
}

export function cacheKey(plan: BuildPlan, toolchain: Toolchain, debug: boolean): string {
  const hash = crypto.createHash('sha256');
  hash.update(JSON.stringify({ toolVersion, toolchain: toolchain.description, triple: toolchain.targetTriple, debug }));
  const seen = new Set<string>();
  for (const addon of plan.addons) {
    hash.update(JSON.stringify({ name: addon.name, libraries: addon.libraries, exceptions: addon.cxxExceptions }));
    for (const unit of addon.units) {
      hash.update(JSON.stringify([unit.source, unit.flags]));
      for (const input of unit.inputs) {
        if (fs.statSync(input, { throwIfNoEntry: false })?.isDirectory()) hashFolder(hash, input, seen);
        else if (fs.existsSync(input)) hash.update(input).update(fs.readFileSync(input));
      }
    }
  }
  hashFolder(hash, shimsDir, seen);
  return hash.digest('hex').slice(0, 32);
}

export function defaultCacheDir(projectRoot: string): string {
  return path.join(projectRoot, 'node_modules', '.cache', 'napi-wasm');
}

/** Per-user cache for what does not belong to one project (compiled napi-shims). */
export function userCacheDir(): string {
  const env = process.env;
  if (env.NAPI_WASM_CACHE_DIR) return path.resolve(env.NAPI_WASM_CACHE_DIR);
  return path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'napi-wasm');
}

/** Copies the cached .wasm files for `names` into place; false if any is missing. */
export function restoreFromCache(cacheDir: string, key: string, targets: { name: string; wasmFile: string }[]): boolean {
  const dir = path.join(cacheDir, key);
  if (!targets.every((t) => fs.existsSync(path.join(dir, `${t.name}.wasm`)))) return false;
  for (const t of targets) writeFileAtomic(t.wasmFile, fs.readFileSync(path.join(dir, `${t.name}.wasm`)));
  return true;
}

export function storeInCache(cacheDir: string, key: string, targets: { name: string; wasmFile: string }[]): void {
  const dir = path.join(cacheDir, key);
  for (const t of targets) writeFileAtomic(path.join(dir, `${t.name}.wasm`), fs.readFileSync(t.wasmFile));
}

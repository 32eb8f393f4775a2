// What a build changed, so `napi-wasm restore` can put every byte back, and
// a crash in the middle of a package can be rolled back (the "pending" entry
// is written before a package's files change, and cleared after).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../files.js';
import { RUNTIME_DIR } from './generated-files.js';

export interface ModifiedFile {
  /** Relative to the project root. */
  path: string;
  before: string;
  after: string;
}

export interface PackageRecord {
  name: string;
  version: string;
  /** Package folder relative to the project root. */
  dir: string;
  cacheKey: string;
  targets: string[];
  /** Files the build created, relative to the project root. */
  created: string[];
  modified: ModifiedFile[];
}

/** A package napi-wasm could not convert; not retried until it or napi-wasm changes. */
export interface UnsupportedRecord {
  dir: string;
  version: string;
  tool: string;
  message: string;
}

export interface Manifest {
  schemaVersion: 1;
  tool: string;
  packages: PackageRecord[];
  pending: PackageRecord | null;
  unsupported?: UnsupportedRecord[];
}

export const sha256 = (data: string | Uint8Array) => crypto.createHash('sha256').update(data).digest('hex');

export function stateDir(root: string): string {
  return path.join(root, 'node_modules', RUNTIME_DIR);
}
const manifestFile = (root: string) => path.join(stateDir(root), 'manifest.json');
const backupFile = (root: string, hash: string) => path.join(stateDir(root), 'backups', hash);

export function loadManifest(root: string, tool: string): Manifest {
  try {
    return JSON.parse(fs.readFileSync(manifestFile(root), 'utf8')) as Manifest;
  } catch {
    return { schemaVersion: 1, tool, packages: [], pending: null };
  }
}

export function saveManifest(root: string, manifest: Manifest): void {
  writeFileAtomic(manifestFile(root), `${JSON.stringify(manifest, null, 1)}\n`);
}

export interface FileWrite {
  /** Relative to the project root. */
  path: string;
  content: string | Uint8Array;
}

/**
 * Applies one package's changes as a unit: back up the originals, record the
 * intent, write every file (each atomically), then commit the record.
 */
export function applyPackage(root: string, manifest: Manifest, record: Omit<PackageRecord, 'created' | 'modified'>, creates: FileWrite[], modifies: FileWrite[]): PackageRecord {
  const modified: ModifiedFile[] = modifies.map((m) => {
    const original = fs.readFileSync(path.join(root, m.path));
    const before = sha256(original);
    const backup = backupFile(root, before);
    if (!fs.existsSync(backup)) writeFileAtomic(backup, original);
    return { path: m.path, before, after: sha256(m.content) };
  });
  const full: PackageRecord = { ...record, created: creates.map((c) => c.path), modified };
  manifest.pending = full;
  saveManifest(root, manifest);
  for (const c of creates) writeFileAtomic(path.join(root, c.path), c.content);
  for (const m of modifies) writeFileAtomic(path.join(root, m.path), m.content);
  manifest.packages = manifest.packages.filter((p) => p.dir !== full.dir).concat(full);
  manifest.pending = null;
  saveManifest(root, manifest);
  return full;
}

/** Puts a package back as it was before the build touched it. */
export function revertPackage(root: string, record: PackageRecord): void {
  for (const m of record.modified) {
    const backup = backupFile(root, m.before);
    if (fs.existsSync(backup)) writeFileAtomic(path.join(root, m.path), fs.readFileSync(backup));
  }
  for (const c of record.created) fs.rmSync(path.join(root, c), { force: true });
  for (const dir of new Set(record.created.map((c) => path.dirname(path.join(root, c))))) {
    try {
      fs.rmdirSync(dir);
    } catch {
      // not empty (the package had its own files there) or already gone
    }
  }
}

/** True when the package still looks exactly as this build left it. */
export function isUpToDate(root: string, record: PackageRecord): boolean {
  if (!record.created.every((c) => fs.existsSync(path.join(root, c)))) return false;
  return record.modified.every((m) => {
    try {
      return sha256(fs.readFileSync(path.join(root, m.path))) === m.after;
    } catch {
      return false;
    }
  });
}

/** A build that died mid-package left a pending record: undo it. */
export function recoverPending(root: string, manifest: Manifest): PackageRecord | null {
  const pending = manifest.pending;
  if (!pending) return null;
  revertPackage(root, pending);
  manifest.pending = null;
  saveManifest(root, manifest);
  return pending;
}

// `napi-wasm restore`: undo every change a build made, byte for byte, and
// remove what it generated. The compile cache stays, so a rebuild is fast.
import fs from 'node:fs';
import path from 'node:path';
import { toolVersion } from '../paths.js';
import { acquireLock } from './lock.js';
import { loadManifest, revertPackage, stateDir } from './manifest.js';

export interface RestoreReport {
  restored: string[];
}

export function restoreProject(rootDir: string): RestoreReport {
  const root = path.resolve(rootDir);
  const release = acquireLock(root);
  try {
    const manifest = loadManifest(root, toolVersion);
    const records = [...manifest.packages, ...(manifest.pending ? [manifest.pending] : [])];
    for (const r of records) revertPackage(root, r);
    fs.rmSync(stateDir(root), { recursive: true, force: true });
    return { restored: records.map((r) => `${r.name}@${r.version}`) };
  } finally {
    release();
  }
}

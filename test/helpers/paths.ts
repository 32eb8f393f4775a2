import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const fixturesDir = path.join(repoRoot, 'fixtures');
/** Test builds are cached under the checkout (never in a shared /tmp). */
export const testCacheDir = path.join(repoRoot, '.cache', 'test');
export const realPackagesDir = path.join(fixturesDir, 'packages', 'node_modules');

/** Hash of every file below `dir` (names and contents), skipping build output. */
export function hashTree(dir: string, extra = ''): string {
  const hash = crypto.createHash('sha256').update(extra);
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name === 'build' || e.name === 'node_modules') continue;
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else hash.update(path.relative(dir, full)).update(fs.readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest('hex').slice(0, 16);
}

export function freshDir(name: string): string {
  const dir = path.join(testCacheDir, 'tmp', `${name}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

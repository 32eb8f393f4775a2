import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

// Tests load generated loaders that require dist/runtime, and run bin/napi-wasm.js.
function buildDist(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
}

// Real packages from the npm registry, exact versions, no install scripts:
// no native build of theirs exists, so only our wasm build can serve them.
export const REAL_PACKAGE_SETS = ['fixtures/packages', 'fixtures/scan-corpus', 'fixtures/apps/convert-app', 'fixtures/apps/cxx-app'];

function installRealPackages(relDir: string): void {
  const dir = path.join(root, relDir);
  const stamp = path.join(dir, 'node_modules', '.installed-from');
  const wanted = fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === wanted) return;
  execFileSync('npm', ['install', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
  fs.writeFileSync(stamp, wanted);
}

export default function setup(): void {
  buildDist();
  for (const set of REAL_PACKAGE_SETS) installRealPackages(set);
}

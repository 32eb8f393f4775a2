import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Tests load generated loaders that require dist/runtime, so build it first.
export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
}

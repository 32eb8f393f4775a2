// The oracle: the same C source built as a real .node with node-gyp, for
// differential tests against the wasm build.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { hashTree, repoRoot, testCacheDir } from './paths.js';

const require = createRequire(import.meta.url);
const nodeGypBin = path.join(repoRoot, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');

/** Node's headers: npm's nodedir setting, or the ones installed beside this node binary. */
function nodedirArgs(): string[] {
  const configured = process.env.npm_config_nodedir;
  if (configured) return [`--nodedir=${configured}`];
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return fs.existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? [`--nodedir=${prefix}`] : [];
}

/** Builds `fixtureDir` natively (cached by content) and returns the loaded addon. */
export function loadNative(fixtureDir: string, target: string): unknown {
  const key = hashTree(fixtureDir, process.version);
  const buildDir = path.join(testCacheDir, 'native', `${path.basename(fixtureDir)}-${key}`);
  const nodeFile = path.join(buildDir, 'build', 'Release', `${target}.node`);
  if (!fs.existsSync(nodeFile)) {
    fs.rmSync(buildDir, { recursive: true, force: true });
    fs.cpSync(fixtureDir, buildDir, { recursive: true, filter: (src) => !/\/(build|node_modules)$/.test(src) });
    execFileSync(process.execPath, [nodeGypBin, 'rebuild', ...nodedirArgs()], { cwd: buildDir, stdio: 'pipe' });
  }
  return require(nodeFile);
}

// The oracle: the same C source built as a real .node with node-gyp, for
// differential tests against the wasm build.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fixturesDir, hashTree, repoRoot, testCacheDir } from './paths.js';

const require = createRequire(import.meta.url);
const nodeGypBin = path.join(repoRoot, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
/** Shared headers of the api-* fixtures, which include them as ../api-common. */
const commonDir = path.join(fixturesDir, 'api-common');

/** Node's headers: npm's nodedir setting, or the ones installed beside this node binary. */
function nodedirArgs(): string[] {
  const configured = process.env.npm_config_nodedir;
  if (configured) return [`--nodedir=${configured}`];
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return fs.existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? [`--nodedir=${prefix}`] : [];
}

const skipBuildOutput = (src: string) => !/\/(build|node_modules)$/.test(src);

/**
 * Builds `fixtureDir` natively (cached by content) and returns the loaded
 * addon. The fixture is copied with fixtures/api-common beside it, so its
 * ../api-common includes resolve as they do in the source tree.
 */
export function loadNative(fixtureDir: string, target: string): unknown {
  const name = path.basename(fixtureDir);
  const key = hashTree(fixtureDir, process.version + hashTree(commonDir));
  const root = path.join(testCacheDir, 'native', `${name}-${key}`);
  const buildDir = path.join(root, name);
  const nodeFile = path.join(buildDir, 'build', 'Release', `${target}.node`);
  if (!fs.existsSync(nodeFile)) {
    fs.rmSync(root, { recursive: true, force: true });
    fs.cpSync(fixtureDir, buildDir, { recursive: true, filter: skipBuildOutput });
    fs.cpSync(commonDir, path.join(root, 'api-common'), { recursive: true });
    execFileSync(process.execPath, [nodeGypBin, 'rebuild', ...nodedirArgs()], { cwd: buildDir, stdio: 'pipe' });
  }
  return require(nodeFile);
}

/**
 * Builds a real npm package natively from its own sources with node-gyp, in a
 * cached copy, and returns the copy's folder: its own JavaScript then loads
 * build/Release. The copy keeps its own node_modules (its node-addon-api
 * version) and sits beside links to the packages installed next to the
 * original, so its dependencies resolve as before.
 */
export function buildNativePackage(packageDir: string): string {
  const key = hashTree(packageDir, process.version);
  const modules = path.join(testCacheDir, 'native-packages', `${path.basename(packageDir)}-${key}`, 'node_modules');
  const copy = path.join(modules, path.basename(packageDir));
  if (!fs.existsSync(path.join(copy, 'build', 'Release'))) {
    fs.rmSync(path.dirname(modules), { recursive: true, force: true });
    fs.mkdirSync(modules, { recursive: true });
    for (const sibling of fs.readdirSync(path.dirname(packageDir))) {
      if (sibling !== path.basename(packageDir) && !sibling.startsWith('.')) fs.symlinkSync(path.join(path.dirname(packageDir), sibling), path.join(modules, sibling));
    }
    fs.cpSync(packageDir, copy, { recursive: true, filter: (src) => !/\/(build|prebuilds)$/.test(src) });
    execFileSync(process.execPath, [nodeGypBin, 'rebuild', ...nodedirArgs()], { cwd: copy, stdio: 'pipe' });
  }
  return copy;
}

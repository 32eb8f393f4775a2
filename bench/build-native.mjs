// Column 1: the addon as a real .node, built by node-gyp with the machine's
// C compiler against the running Node's headers. Cached by source content.
import fs from 'node:fs';
import path from 'node:path';
import { cacheDir, hashInputs, log, nodedirArgs, pruneSiblings, root, run } from './common.mjs';

const nodeGyp = path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');

/** @returns {{ nodeFile: string }} */
export function buildNative(name, { dir, target }) {
  const key = hashInputs([dir], process.version, 'native-v1');
  const buildDir = path.join(cacheDir, 'native', `${name}-${key}`);
  const nodeFile = path.join(buildDir, 'build', 'Release', `${target}.node`);
  if (!fs.existsSync(nodeFile)) {
    log(`native: node-gyp rebuild ${name}`);
    pruneSiblings(buildDir);
    fs.rmSync(buildDir, { recursive: true, force: true });
    fs.cpSync(dir, buildDir, { recursive: true, filter: (src) => !/[/\\](build|node_modules|prebuilds)$/.test(src) });
    try {
      run(process.execPath, [nodeGyp, 'rebuild', ...nodedirArgs()], { cwd: buildDir });
    } catch (err) {
      fs.rmSync(buildDir, { recursive: true, force: true });
      throw new Error(`node-gyp failed for ${name}:\n${err.stderr ?? err.message}`);
    }
  }
  return { nodeFile };
}

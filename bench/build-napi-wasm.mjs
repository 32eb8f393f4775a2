// Column 3: the addon on napi-wasm — compileAddon() from the built dist/
// (same clang as the emnapi column), loaded through the generated .cjs loader.
import fs from 'node:fs';
import path from 'node:path';
import { CLANG, cacheDir, hashInputs, log, pruneSiblings, root } from './common.mjs';

const compilerDist = path.join(root, 'dist', 'compiler', 'index.js');
export const runtimeDistCjs = path.join(root, 'dist', 'runtime', 'napi-runtime.cjs');

/** @returns {Promise<{ wasmFile: string, loaderFile: string, toolchain?: string }>} */
export async function buildNapiWasm(name, { dir, target }) {
  const key = hashInputs([dir, compilerDist, path.join(root, 'napi-shims')], CLANG, 'napi-wasm-v1');
  const outDir = path.join(cacheDir, 'napi-wasm', `${name}-${key}`);
  const wasmFile = path.join(outDir, `${target}.wasm`);
  const loaderFile = path.join(outDir, `${target}.cjs`);
  const infoFile = path.join(outDir, 'build-info.json');
  if (!fs.existsSync(wasmFile) || !fs.existsSync(loaderFile) || !fs.existsSync(infoFile)) {
    log(`napi-wasm: compileAddon ${name}`);
    pruneSiblings(outDir);
    const workDir = path.join(cacheDir, 'napi-wasm-work', `${name}-${key}`);
    pruneSiblings(workDir);
    const { compileAddon } = await import(compilerDist);
    const result = await compileAddon({ addonDir: dir, outDir, workDir, toolchain: CLANG });
    const built = result.addons.find((a) => a.name === target);
    if (!built) throw new Error(`compileAddon(${dir}) built ${result.addons.map((a) => a.name).join(', ')}, not ${target}`);
    fs.writeFileSync(infoFile, JSON.stringify({ toolchain: result.toolchain, notes: result.notes }, null, 2));
  }
  // The runtime changes more often than the compiler: always load the current one.
  fs.copyFileSync(runtimeDistCjs, path.join(outDir, 'napi-runtime.cjs'));
  const { toolchain } = JSON.parse(fs.readFileSync(infoFile, 'utf8'));
  return { wasmFile, loaderFile, toolchain };
}

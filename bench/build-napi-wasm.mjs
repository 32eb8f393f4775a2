// Column 3: the addon on napi-wasm — compileAddon() from the built dist/
// (same clang as the emnapi column), loaded through the generated .cjs loader.
import fs from 'node:fs';
import path from 'node:path';
import { CLANG, cacheDir, hashInputs, log, pruneSiblings, root } from './common.mjs';

const compilerDist = path.join(root, 'dist', 'compiler', 'index.js');

/** @returns {Promise<{ wasmFile: string, loaderFile: string, toolchain?: string }>} */
export async function buildNapiWasm(name, { dir, target }) {
  const key = hashInputs([dir, compilerDist, path.join(root, 'napi-shims')], CLANG, 'napi-wasm-v1');
  const outDir = path.join(cacheDir, 'napi-wasm', `${name}-${key}`);
  const wasmFile = path.join(outDir, `${target}.wasm`);
  const loaderFile = path.join(outDir, `${target}.cjs`);
  const infoFile = path.join(outDir, 'build-info.json');
  // compileAddon runs every time: with its cache it compiles nothing when the
  // sources are unchanged, but it writes the current runtime bundle and its
  // V8 code cache beside the loader, as `napi-wasm compile` does for users.
  if (!fs.existsSync(wasmFile) || !fs.existsSync(infoFile)) {
    log(`napi-wasm: compileAddon ${name}`);
    pruneSiblings(outDir);
  }
  const workDir = path.join(cacheDir, 'napi-wasm-work', `${name}-${key}`);
  pruneSiblings(workDir);
  const { compileAddon } = await import(compilerDist);
  const result = await compileAddon({ addonDir: dir, outDir, workDir, toolchain: CLANG, cacheDir: path.join(workDir, 'compile-cache') });
  const built = result.addons.find((a) => a.name === target);
  if (!built) throw new Error(`compileAddon(${dir}) built ${result.addons.map((a) => a.name).join(', ')}, not ${target}`);
  fs.writeFileSync(infoFile, JSON.stringify({ toolchain: result.toolchain, notes: result.notes }, null, 2));
  const { toolchain } = JSON.parse(fs.readFileSync(infoFile, 'utf8'));
  return { wasmFile, loaderFile, toolchain };
}

// `napi-wasm compile`: the whole pipeline for one addon folder.
//   evaluate binding.gyp → plan → compile → link → write loaders → code cache
import fs from 'node:fs';
import path from 'node:path';
import { cacheKey, restoreFromCache, storeInCache, userCacheDir } from './cache.js';
import { compileUnits } from './compile.js';
import { evaluateGyp } from './gyp/evaluate.js';
import { linkAddon } from './link.js';
import { shimObjects } from './shims.js';
import { writeCodeCache } from './code-cache.js';
import { writeFileAtomic } from './files.js';
import { RUNTIME_FILE, copyRuntime, writeNodeLoader } from './loader.js';
import { silentLogger, type Logger } from './log.js';
import { packageNameOf } from './paths.js';
import { planBuild, type BuildPlan } from './plan.js';
import { discoverToolchain } from './toolchain/discover.js';
import type { Toolchain } from './toolchain/types.js';

export interface CompileOptions {
  /** Folder with the addon's binding.gyp. */
  addonDir: string;
  /** Where <target>.wasm and <target>.cjs go. Default: <addonDir>/build/wasm. */
  outDir?: string;
  /** Scratch space for objects and gyp output. Default: <outDir>/.napi-wasm-work. */
  workDir?: string;
  /** "yowasp", "system", or a clang / LLVM / wasi-sdk path. Default: discovered. */
  toolchain?: string | Toolchain;
  /** Keep DWARF and build gyp's Debug configuration. */
  debug?: boolean;
  /** Reuse and store finished .wasm files here, keyed by content (see cache.ts). */
  cacheDir?: string;
  /** For mixed packages: build only the Node-API path (see plan.ts). */
  nodeApiOnly?: boolean;
  log?: Logger;
}

export interface CompiledAddon {
  name: string;
  wasmFile: string;
  loaderFile: string;
  wasmBytes: number;
}

export interface CompileResult {
  packageName: string;
  toolchain: string;
  addons: CompiledAddon[];
  /** Flags, sources and steps left out for wasm, one line each. */
  notes: string[];
  milliseconds: number;
  /** The content hash the build was keyed by. */
  cacheKey: string;
  /** True when every .wasm came from the cache. */
  fromCache: boolean;
}

export async function compileAddon(options: CompileOptions): Promise<CompileResult> {
  const started = performance.now();
  const log = options.log ?? silentLogger;
  const addonDir = path.resolve(options.addonDir);
  const outDir = path.resolve(options.outDir ?? path.join(addonDir, 'build', 'wasm'));
  const workDir = path.resolve(options.workDir ?? path.join(outDir, '.napi-wasm-work'));
  const configuration = options.debug ? 'Debug' : 'Release';
  const packageName = packageNameOf(addonDir);

  const project = await evaluateGyp({ addonDir, configuration, workDir, productDir: outDir });
  const toolchain = typeof options.toolchain === 'object' ? options.toolchain : await discoverToolchain({ toolchain: options.toolchain });
  log.verbose(`toolchain: ${toolchain.description}`);
  const plan: BuildPlan = planBuild({ project, packageName, addonDir, outDir, workDir, toolchain, nodeApiOnly: options.nodeApiOnly });
  for (const note of plan.notes) log.warn(note);

  const key = cacheKey(plan, toolchain, Boolean(options.debug));
  const fromCache = options.cacheDir !== undefined && restoreFromCache(options.cacheDir, key, plan.addons);
  if (fromCache) log.info(`cached ${plan.addons.map((a) => `${a.name}.wasm`).join(', ')} (${key.slice(0, 12)})`);
  const addons: CompiledAddon[] = [];
  for (const addon of plan.addons) {
    if (!fromCache) {
      await compileUnits(addon.units, toolchain, packageName, log, addonDir);
      const linked = path.join(workDir, `${addon.name}.wasm`);
      const shims = await shimObjects(addon, toolchain, path.join(options.cacheDir ?? userCacheDir(), 'shims'), log);
      await linkAddon(addon, shims, linked, toolchain, Boolean(options.debug), packageName, log);
      writeFileAtomic(addon.wasmFile, fs.readFileSync(linked));
    }
    copyRuntime(outDir);
    writeNodeLoader(plan, addon);
    addons.push({ name: addon.name, wasmFile: addon.wasmFile, loaderFile: addon.loaderFile, wasmBytes: fs.statSync(addon.wasmFile).size });
  }
  if (options.cacheDir !== undefined && !fromCache) storeInCache(options.cacheDir, key, plan.addons);
  writeCodeCache(path.join(outDir, RUNTIME_FILE), addons.map((a) => a.wasmFile), log);
  return { packageName, toolchain: toolchain.description, addons, notes: plan.notes, milliseconds: Math.round(performance.now() - started), cacheKey: key, fromCache };
}

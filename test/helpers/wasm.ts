// Builds a fixture with napi-wasm itself and loads it through the generated loader.
import { createRequire } from 'node:module';
import path from 'node:path';
import { compileAddon, type CompileResult } from '../../compiler/index.js';
import { collectingLogger } from '../../compiler/log.js';
import { freshDir } from './paths.js';

const require = createRequire(import.meta.url);

export interface WasmBuild {
  result: CompileResult;
  log: string[];
  load(target?: string): any;
}

export async function buildWasm(addonDir: string, options: { toolchain?: string; debug?: boolean } = {}): Promise<WasmBuild> {
  const outDir = freshDir(`wasm-${path.basename(addonDir)}-${options.toolchain ?? 'default'}`);
  const log = collectingLogger();
  const result = await compileAddon({ addonDir, outDir, toolchain: options.toolchain, debug: options.debug, log });
  return {
    result,
    log: log.lines,
    load: (target) => require(result.addons.find((a) => !target || a.name === target)!.loaderFile),
  };
}

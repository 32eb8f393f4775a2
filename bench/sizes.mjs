// Size figures: .wasm files of each build, and the JavaScript each runtime
// ships (napi-wasm: runtime/index.ts bundled and minified by esbuild).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import { build } from 'esbuild';
import { root } from './common.mjs';

const require = createRequire(import.meta.url);

function sizeOf(data) {
  return { bytes: data.length, gzip: zlib.gzipSync(data, { level: 9 }).length };
}

export function fileSize(file) {
  return file && fs.existsSync(file) ? sizeOf(fs.readFileSync(file)) : undefined;
}

/** runtime/index.ts as one minified ESM file, the way an app bundler would ship it. */
export async function napiWasmRuntimeSize() {
  const out = await build({
    entryPoints: [path.join(root, 'runtime', 'index.ts')],
    bundle: true,
    minify: true,
    write: false,
    platform: 'neutral',
    format: 'esm',
    target: 'es2022',
    legalComments: 'none',
    logLevel: 'silent',
  });
  return sizeOf(Buffer.from(out.outputFiles[0].contents));
}

/** What an emnapi addon ships in JS: @emnapi/core + @emnapi/runtime, their own minified builds. */
export function emnapiRuntimeSize() {
  const core = fs.readFileSync(path.join(path.dirname(require.resolve('@emnapi/core')), 'dist', 'emnapi-core.min.mjs'));
  const runtime = fs.readFileSync(path.join(path.dirname(require.resolve('@emnapi/runtime')), 'dist', 'emnapi.min.mjs'));
  return { core: sizeOf(core), runtime: sizeOf(runtime), total: sizeOf(Buffer.concat([core, runtime])) };
}

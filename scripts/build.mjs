// Builds dist/: the CLI and compiler for Node, and the runtime as one
// dependency-free file in ESM and CommonJS for every JS engine.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const at = (p) => path.join(root, p);

await Promise.all([
  build({
    entryPoints: [at('compiler/cli.ts'), at('compiler/index.ts')],
    outdir: at('dist/compiler'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  }),
  // The --require preload must be CommonJS.
  build({
    entryPoints: [at('compiler/register.ts')],
    outfile: at('dist/register.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  }),
  ...['esm', 'cjs'].map((format) =>
    build({
      entryPoints: [at('runtime/index.ts')],
      outfile: at(`dist/runtime/napi-runtime.${format === 'esm' ? 'mjs' : 'cjs'}`),
      bundle: true,
      platform: 'neutral',
      format,
      target: 'es2022',
      // Every app ships and compiles this file at start-up: minified, V8
      // compiles it about 1 ms faster in Node (docs/performance.md).
      minify: true,
      legalComments: 'none',
      logLevel: 'warning',
    }),
  ),
]);

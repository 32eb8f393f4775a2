// workerd (npm `workerd`, the Workers runtime) serves the converted fixture
// app bundled two ways, from a capnp config on 127.0.0.1:
//  1. esbuild (conditions workerd, worker), each .wasm external and listed as
//     a `wasm` module, Node built-ins left to nodejs_compat;
//  2. what `wrangler deploy --dry-run --outdir` produces, with wrangler's
//     default platform (browser: bigint-buffer and keccak then use their
//     pure-JS "browser" builds) and with WRANGLER_BUILD_PLATFORM=node.
// Workers compile no Wasm from bytes while serving a request: the addons reach
// the runtime as precompiled modules from static imports.
import { build } from 'esbuild';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';
import { ALL_PACKAGES, BROWSER_FIELD_PACKAGES, bin, capnp, convertedApp, expectAllPassed, fetchWhenUp, freePort, recordChecked, run, startServer, type Checked } from './harness.js';

/** Bundles worker.mjs with esbuild for workerd; returns the module list (worker first). */
async function esbuildWorker(app: string, out: string) {
  const wasm = new Map<string, string>();
  const required = new Set<string>();
  const outfile = path.join(out, 'worker.mjs');
  await build({
    entryPoints: [path.join(app, 'worker.mjs')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker'],
    mainFields: ['module', 'main'],
    logLevel: 'error',
    plugins: [
      {
        name: 'workerd-modules',
        setup(b) {
          // Node built-ins come from workerd's nodejs_compat. esbuild's ESM output cannot
          // require() an external module, so required ones are imported below instead.
          b.onResolve({ filter: new RegExp(`^(node:)?(${builtinModules.join('|')})$`) }, (args) => {
            const id = `node:${args.path.replace(/^node:/, '')}`;
            if (args.kind === 'require-call') required.add(id);
            return { path: id, external: true };
          });
          // Each .wasm stays a separate module: workerd compiles it before the worker runs.
          b.onResolve({ filter: /^\.\.?\/.*\.wasm$/ }, (args) => {
            const file = path.resolve(args.resolveDir, args.path);
            const name = `wasm/${path.relative(path.join(app, 'node_modules'), file).split(path.sep).join('~')}`;
            wasm.set(name, file);
            return { path: `./${name}`, external: true };
          });
        },
      },
    ],
  });
  // The require() that esbuild's __require shim finds: each required built-in, imported statically.
  const ids = [...required];
  const banner = [
    ...ids.map((id, i) => `import __builtin${i} from ${JSON.stringify(id)};`),
    `const __builtins = { ${ids.map((id, i) => `${JSON.stringify(id)}: __builtin${i}`).join(', ')} };`,
    'const require = (id) => { const m = __builtins[id]; if (m === undefined) throw new Error(`require(${id}): not bundled`); return m; };',
  ].join('\n');
  fs.writeFileSync(outfile, `${banner}\n${fs.readFileSync(outfile, 'utf8')}`);
  fs.mkdirSync(path.join(out, 'wasm'), { recursive: true });
  for (const [name, file] of wasm) fs.copyFileSync(file, path.join(out, name));
  return [{ name: 'worker.mjs', kind: 'esModule' as const }, ...[...wasm.keys()].map((name) => ({ name, kind: 'wasm' as const }))];
}

/** wrangler's dry-run bundle: worker.js plus hash-named .wasm modules. */
async function wranglerWorker(app: string, out: string, env: NodeJS.ProcessEnv = {}) {
  const r = await run(bin('wrangler'), ['deploy', '--dry-run', '--outdir', out], {
    cwd: app,
    env: { ...env, WRANGLER_SEND_METRICS: 'false', XDG_CONFIG_HOME: path.join(repoRoot, '.cache', 'wrangler-config'), NO_COLOR: '1', FORCE_COLOR: '0' },
    timeoutMs: 120_000,
  });
  expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
  const files = fs.readdirSync(out);
  expect(files).toContain('worker.js');
  // Every addon arrives as a real Wasm module (not, say, a provider file under a .wasm name).
  const wasm = files.filter((f) => f.endsWith('.wasm'));
  for (const f of wasm) expect(fs.readFileSync(path.join(out, f)).subarray(0, 4).toString('latin1'), f).toBe('\0asm');
  return [{ name: 'worker.js', kind: 'esModule' as const }, ...wasm.map((name) => ({ name, kind: 'wasm' as const }))];
}

let app: string;
beforeAll(() => {
  app = convertedApp('workerd');
});

describe('workerd', () => {
  for (const [entry, bundle, packages] of [
    ['esbuild bundle', esbuildWorker, ALL_PACKAGES],
    // wrangler bundles for platform "browser" by default, so the "browser" field applies.
    ['wrangler deploy --dry-run bundle', wranglerWorker, BROWSER_FIELD_PACKAGES],
    ['wrangler deploy --dry-run bundle, WRANGLER_BUILD_PLATFORM=node', (app: string, out: string) => wranglerWorker(app, out, { WRANGLER_BUILD_PLATFORM: 'node' }), ALL_PACKAGES],
  ] as const) {
    it(`${entry}: every package is served by its Wasm build`, async () => {
      const out = path.join(app, `out-${entry.replace(/[^a-z]+/gi, '-')}`);
      const bundled = Date.now();
      const modules = await bundle(app, out);
      const bundleMs = Date.now() - bundled;
      const port = await freePort();
      fs.writeFileSync(path.join(out, 'config.capnp'), capnp(modules, port));
      const server = startServer(bin('workerd'), ['serve', 'config.capnp'], { cwd: out, maxMs: 60_000 });
      let checked: Checked | undefined;
      try {
        const res = await fetchWhenUp(`http://127.0.0.1:${port}/?packages=${packages.join(',')}`, server);
        const text = await res.text();
        expect(res.status, `${text}\n${server.output()}`).toBe(200);
        checked = JSON.parse(text) as Checked;
        expectAllPassed(checked, [...packages]);
      } finally {
        await server.stop();
        recordChecked('workerd', entry, [...packages], server.startedAt, checked, { bundle: bundleMs });
      }
    });
  }
});

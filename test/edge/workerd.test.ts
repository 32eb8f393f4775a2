// workerd (npm `workerd`, the Workers runtime) serves the converted fixture
// app bundled two ways, from a capnp config on 127.0.0.1:
//  1. esbuild (conditions workerd, worker), each .wasm external and listed as
//     a `wasm` module, Node built-ins left to nodejs_compat;
//  2. what `wrangler deploy --dry-run --outdir` produces.
// Workers compile no Wasm from bytes while serving a request: the addons reach
// the runtime as precompiled modules from static imports.
import { build } from 'esbuild';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';
import { EDGE_PACKAGES, bin, convertedApp, expectAllPassed, fetchWhenUp, freePort, recordChecked, run, startServer, type Checked } from './harness.js';

const COMPATIBILITY_DATE = '2025-09-01'; // nodejs_compat applies from 2024-09-23

/** A workerd config: one worker with these modules, on 127.0.0.1:port. */
function capnp(modules: { name: string; kind: 'esModule' | 'wasm' }[], port: number): string {
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [
${modules.map((m) => `    (name = ${JSON.stringify(m.name)}, ${m.kind} = embed ${JSON.stringify(m.name)}),`).join('\n')}
  ],
  compatibilityDate = "${COMPATIBILITY_DATE}",
  compatibilityFlags = ["nodejs_compat"],
);
`;
}

/** Bundles worker.mjs with esbuild for workerd; returns the module list (worker first). */
async function esbuildWorker(app: string, out: string) {
  const wasm = new Map<string, string>();
  await build({
    entryPoints: [path.join(app, 'worker.mjs')],
    outfile: path.join(out, 'worker.mjs'),
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
          // Node built-ins come from workerd's nodejs_compat.
          b.onResolve({ filter: new RegExp(`^(node:)?(${builtinModules.join('|')})$`) }, (args) => ({ path: args.path.startsWith('node:') ? args.path : `node:${args.path}`, external: true }));
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
  fs.mkdirSync(path.join(out, 'wasm'), { recursive: true });
  for (const [name, file] of wasm) fs.copyFileSync(file, path.join(out, name));
  return [{ name: 'worker.mjs', kind: 'esModule' as const }, ...[...wasm.keys()].map((name) => ({ name, kind: 'wasm' as const }))];
}

/** wrangler's dry-run bundle: worker.js plus hash-named .wasm modules. */
async function wranglerWorker(app: string, out: string) {
  const r = await run(bin('wrangler'), ['deploy', '--dry-run', '--outdir', out], {
    cwd: app,
    env: { WRANGLER_SEND_METRICS: 'false', XDG_CONFIG_HOME: path.join(repoRoot, '.cache', 'wrangler-config'), NO_COLOR: '1', FORCE_COLOR: '0' },
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
  for (const [entry, bundle] of [
    ['esbuild bundle', esbuildWorker],
    ['wrangler deploy --dry-run bundle', wranglerWorker],
  ] as const) {
    it(`${entry}: every package is served by its Wasm build`, async () => {
      const out = path.join(app, `out-${entry.split(' ')[0]}`);
      const bundled = Date.now();
      const modules = await bundle(app, out);
      const bundleMs = Date.now() - bundled;
      const port = await freePort();
      fs.writeFileSync(path.join(out, 'config.capnp'), capnp(modules, port));
      const server = startServer(bin('workerd'), ['serve', 'config.capnp'], { cwd: out, maxMs: 60_000 });
      let checked: Checked | undefined;
      try {
        const res = await fetchWhenUp(`http://127.0.0.1:${port}/?packages=${EDGE_PACKAGES.join(',')}`, server);
        const text = await res.text();
        expect(res.status, `${text}\n${server.output()}`).toBe(200);
        checked = JSON.parse(text) as Checked;
        expectAllPassed(checked);
      } finally {
        await server.stop();
        recordChecked('workerd', entry, server.startedAt, checked, { bundle: bundleMs });
      }
    });
  }
});

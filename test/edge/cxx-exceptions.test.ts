// Wasm exception handling in every engine: the C++ exception fixture
// (fixtures/cxx-napi, built with -fwasm-exceptions and napi-wasm's exception
// runtime) runs the same checks (fixtures/apps/edge-entries/cxx-checks.mjs)
// in Deno, workerd and Chromium. Node runs them in test/differential.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileAddon } from '../../compiler/index.js';
import { fixturesDir, freshDir, repoRoot } from '../helpers/paths.js';
import { bin, capnp, fetchWhenUp, freePort, run, startServer } from './harness.js';

type Result = { name: string; ok: boolean; got: string };
const CHROMIUM = '/usr/bin/chromium';
const TARGETS = ['cxx_except', 'cxx_except_all'];

let dir: string;
beforeAll(async () => {
  dir = freshDir('edge-cxx');
  await compileAddon({ addonDir: path.join(fixturesDir, 'cxx-napi'), outDir: dir, cacheDir: path.join(repoRoot, '.cache', 'test', 'compile-cache') });
  fs.copyFileSync(path.join(repoRoot, 'dist', 'runtime', 'napi-runtime.mjs'), path.join(dir, 'napi-runtime.mjs'));
  fs.copyFileSync(path.join(fixturesDir, 'apps', 'edge-entries', 'cxx-checks.mjs'), path.join(dir, 'cxx-checks.mjs'));
});

function expectAllOk(results: Result[]) {
  expect(results.map((r) => r.name)).toHaveLength(8);
  for (const r of results) expect(r, r.name).toMatchObject({ ok: true });
}

describe('C++ exceptions at the edge', () => {
  it('Deno', async () => {
    fs.writeFileSync(
      path.join(dir, 'deno.mjs'),
      `import { loadAddonSync } from './napi-runtime.mjs';
import { runCxxChecks } from './cxx-checks.mjs';
const load = async (t) => loadAddonSync(await Deno.readFile(new URL(\`./\${t}.wasm\`, import.meta.url)), { name: t });
console.log(JSON.stringify(await runCxxChecks(load)));
`,
    );
    const env = { DENO_NO_UPDATE_CHECK: '1', DENO_DIR: path.join(repoRoot, '.cache', 'deno'), NO_COLOR: '1' };
    const r = await run(bin('deno'), ['run', '--no-lock', `--allow-read=${dir}`, 'deno.mjs'], { cwd: dir, env, timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expectAllOk(JSON.parse(r.stdout.trim().split('\n').pop()!) as Result[]);
  });

  it('workerd: precompiled modules from static imports', async () => {
    fs.writeFileSync(
      path.join(dir, 'worker.mjs'),
      `import { loadAddonSync } from './napi-runtime.mjs';
import { runCxxChecks } from './cxx-checks.mjs';
${TARGETS.map((t) => `import ${t} from './${t}.wasm';`).join('\n')}
const modules = { ${TARGETS.join(', ')} };
export default {
  async fetch() {
    return Response.json(await runCxxChecks(async (t) => loadAddonSync(modules[t], { name: t })));
  },
};
`,
    );
    const port = await freePort();
    fs.writeFileSync(
      path.join(dir, 'config.capnp'),
      capnp([{ name: 'worker.mjs', kind: 'esModule' }, { name: 'napi-runtime.mjs', kind: 'esModule' }, { name: 'cxx-checks.mjs', kind: 'esModule' }, ...TARGETS.map((t) => ({ name: `${t}.wasm`, kind: 'wasm' as const }))], port),
    );
    const server = startServer(bin('workerd'), ['serve', 'config.capnp'], { cwd: dir, maxMs: 60_000 });
    try {
      const response = await fetchWhenUp(`http://127.0.0.1:${port}/`, server);
      expectAllOk((await response.json()) as Result[]);
    } finally {
      server.stop();
    }
  });

  it.skipIf(!fs.existsSync(CHROMIUM) && !process.env.CI)('Chromium: async loads over fetch', async () => {
    fs.writeFileSync(
      path.join(dir, 'index.html'),
      `<!doctype html><script type="module">
import { loadAddon } from './napi-runtime.mjs';
import { runCxxChecks } from './cxx-checks.mjs';
window.__results = await runCxxChecks((t) => loadAddon(fetch(\`./\${t}.wasm\`), { name: t }));
</script>`,
    );
    const types: Record<string, string> = { '.html': 'text/html', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };
    const server = http.createServer((req, res) => {
      const file = path.join(dir, path.basename(new URL(req.url ?? '/', 'http://x').pathname) || 'index.html');
      if (!fs.existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(fs.readFileSync(file));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
    const context = await chromium.launchPersistentContext(freshDir('chromium-cxx'), { executablePath: CHROMIUM, headless: true, args: flags, timeout: 30_000 });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`, { timeout: 30_000 });
      await page.waitForFunction(() => (window as unknown as { __results?: unknown }).__results, null, { timeout: 30_000 });
      expectAllOk(await page.evaluate(() => (window as unknown as { __results: Result[] }).__results));
    } finally {
      await context.close();
      server.close();
    }
  });
});

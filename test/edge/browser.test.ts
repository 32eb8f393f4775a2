// Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core)
// runs the converted fixture app bundled by Vite, from a page served on
// 127.0.0.1. Browsers get each addon through its async `browser` provider:
// the entry awaits the provider's `ready` before it imports the package
// (Chromium refuses synchronous compiles and instantiations over 8 MB on the
// main thread, which this file also checks). bigint-buffer and keccak are not
// asked for: their "browser" field picks their pure-JS builds.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDir, repoRoot } from '../helpers/paths.js';
import { BROWSER_FIELD_PACKAGES, convertedApp, expectAllPassed, recordChecked, run, type Checked } from './harness.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const haveChromium = fs.existsSync(CHROMIUM);
// CI installs chromium (.ci/run); elsewhere a missing one skips these tests.
if (!haveChromium && process.env.CI) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };

/** Serves `root` on 127.0.0.1 (a path outside it, or a folder, is a 404; "/" is index.html). */
function serve(root: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    let file = path.join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname));
    if (file.endsWith(path.sep)) file = path.join(file, 'index.html');
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function launch(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(freshDir('chromium-profile'), { executablePath: CHROMIUM, headless: true, args: FLAGS, timeout: 30_000 });
}

let app: string;
let server: http.Server | undefined;
let context: BrowserContext | undefined;
beforeAll(() => {
  if (haveChromium) app = convertedApp('browser');
});
afterAll(async () => {
  await context?.close();
  server?.close();
});

describe.skipIf(!haveChromium)('Chromium', () => {
  it('Vite bundle: every package is served by its Wasm build', async () => {
    const built = Date.now();
    const vite = await run(process.execPath, [path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: app, env: { NO_COLOR: '1' }, timeoutMs: 120_000 });
    expect(vite.code, `${vite.stdout}\n${vite.stderr}`).toBe(0);
    const bundleMs = Date.now() - built;
    const assets = fs.readdirSync(path.join(app, 'out-vite', 'assets'));
    expect(assets.filter((f) => f.endsWith('.wasm')).length).toBeGreaterThanOrEqual(BROWSER_FIELD_PACKAGES.length);

    server = await serve(path.join(app, 'out-vite'));
    const launched = Date.now();
    context = await launch();
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const navigated = Date.now();
    let checked: Checked | undefined;
    try {
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/?packages=${BROWSER_FIELD_PACKAGES.join(',')}`, { timeout: 30_000 });
      await page.waitForFunction(() => (window as any).__napiWasmChecks, null, { timeout: 30_000 });
      checked = await page.evaluate(() => (window as any).__napiWasmChecks as Checked);
      expectAllPassed(checked, BROWSER_FIELD_PACKAGES);
      expect(errors).toEqual([]);
    } finally {
      recordChecked('chromium', 'Vite bundle', BROWSER_FIELD_PACKAGES, launched, checked, {
        bundle: bundleMs,
        ...(checked?.firstCallAt ? { navigationToFirstCall: checked.firstCallAt - navigated } : {}),
      });
      await context.close();
      context = undefined;
    }
  });

  it('refuses synchronous compiles and instantiations over 8 MB on the main thread; async ones work', async () => {
    context = await launch();
    const page = context.pages()[0] ?? (await context.newPage());
    try {
      const r = await page.evaluate(async () => {
        // A valid module of 9 MiB: the header, then one custom section.
        const size = 9 * 1024 * 1024;
        const leb = (n: number) => {
          const out: number[] = [];
          do {
            let b = n & 0x7f;
            n >>>= 7;
            if (n) b |= 0x80;
            out.push(b);
          } while (n);
          return out;
        };
        const head = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0, ...leb(size + 2), 1, 0x78];
        const bytes = new Uint8Array(head.length + size);
        bytes.set(head);
        const attempt = (f: () => unknown) => {
          try {
            f();
            return 'ok';
          } catch (e) {
            return String(e);
          }
        };
        const module = await WebAssembly.compile(bytes);
        return {
          syncCompile: attempt(() => new WebAssembly.Module(bytes)),
          syncInstance: attempt(() => new WebAssembly.Instance(module, {})),
          asyncInstance: (await WebAssembly.instantiate(module, {})) instanceof WebAssembly.Instance,
        };
      });
      expect(r.syncCompile).toMatch(/RangeError: WebAssembly.Compile is disallowed on the main thread, if the buffer size is larger than 8MB/);
      expect(r.syncInstance).toMatch(/RangeError: WebAssembly.Instance is disallowed on the main thread, if the buffer size is larger than 8MB/);
      expect(r.asyncInstance).toBe(true);
    } finally {
      await context.close();
      context = undefined;
    }
  });
});

// Shared by the node_api.h tests: waiting on the event loop without timing
// luck, and catching what reaches process 'uncaughtException' or 'warning'.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { loadAddonSync, type LoadOptions } from '../../runtime/index.js';
import { buildFixtureWasm } from '../helpers/build-fixture.js';
import { loadNative } from '../helpers/native.js';
import { fixturesDir, freshDir, repoRoot, testCacheDir } from '../helpers/paths.js';

export function fixtureDir(name: string): string {
  return path.join(fixturesDir, name);
}

export async function loadWasm<T = any>(name: string, options: LoadOptions = {}): Promise<T> {
  return loadAddonSync(await buildFixtureWasm(fixtureDir(name)), { name, ...options }) as T;
}

/** The fixture built natively with node-gyp (the oracle). */
export function loadNativeFixture<T = any>(name: string, target: string): T {
  return loadNative(fixtureDir(name), target) as T;
}

/** One turn of Node's event loop (a setImmediate). */
export function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Waits turn by turn until `done()` holds. Gives up after `turns` turns and
 * at least `ms` milliseconds (a native build's thread pool may take a while
 * to start; the wasm build needs a few turns).
 */
export async function until(done: () => boolean, turns = 1000, ms = 10_000): Promise<void> {
  const deadline = performance.now() + ms;
  for (let i = 0; i < turns || performance.now() < deadline; i++) {
    if (done()) return;
    await turn();
  }
  throw new Error(`not done after ${turns} event-loop turns and ${ms} ms`);
}

/**
 * Runs `fn` with this test's own 'uncaughtException' and 'warning'
 * listeners in place of the test runner's; returns what they received.
 */
export async function catchProcessEvents(
  fn: (caught: { uncaught: unknown[]; warnings: Error[] }) => Promise<void> | void,
): Promise<{ uncaught: unknown[]; warnings: Error[] }> {
  const uncaught: unknown[] = [];
  const warnings: Error[] = [];
  const saved = process.listeners('uncaughtException');
  const savedWarnings = process.listeners('warning');
  process.removeAllListeners('uncaughtException');
  process.removeAllListeners('warning');
  const onUncaught = (error: unknown) => uncaught.push(error);
  const onWarning = (warning: Error) => warnings.push(warning);
  process.on('uncaughtException', onUncaught);
  process.on('warning', onWarning);
  try {
    await fn({ uncaught, warnings });
  } finally {
    process.removeListener('uncaughtException', onUncaught);
    process.removeListener('warning', onWarning);
    for (const l of saved) process.on('uncaughtException', l);
    for (const l of savedWarnings) process.on('warning', l);
  }
  return { uncaught, warnings };
}

/** Where loadNative put the fixture's .node (the newest build). */
function nativeFile(name: string, target: string): string {
  loadNative(fixtureDir(name), target);
  const found = fg.sync(`native/${name}-*/${name}/build/Release/${target}.node`, { cwd: testCacheDir, absolute: true, stats: true });
  return found.sort((a, b) => b.stats!.mtimeMs - a.stats!.mtimeMs)[0]!.path;
}

/**
 * Runs `body` (CommonJS, with the fixture's exports in `addon`) in a child
 * Node process, the fixture built natively or to wasm (served by the built
 * runtime, dist/runtime, with `disposeAddon` in scope). Returns the lines it
 * printed, stdout and stderr apart.
 */
export async function runInChild(kind: 'wasm' | 'native', name: string, target: string, body: string): Promise<{ stdout: string[]; stderr: string[]; status: number | null }> {
  let load: string;
  if (kind === 'native') {
    load = `const addon = require(${JSON.stringify(nativeFile(name, target))}); const disposeAddon = undefined;`;
  } else {
    const file = path.join(freshDir(`child-${name}`), `${target}.wasm`);
    fs.writeFileSync(file, await buildFixtureWasm(fixtureDir(name)));
    const runtime = path.join(repoRoot, 'dist', 'runtime', 'napi-runtime.cjs');
    load = `const { loadAddonSync, disposeAddon } = require(${JSON.stringify(runtime)});
const addon = loadAddonSync(require('node:fs').readFileSync(${JSON.stringify(file)}), { name: ${JSON.stringify(name)} });`;
  }
  const r = spawnSync(process.execPath, ['-e', `${load}\n${body}`], { encoding: 'utf8', timeout: 60_000 });
  const lines = (text: string) => text.split('\n').filter((l) => l !== '');
  return { stdout: lines(r.stdout), stderr: lines(r.stderr), status: r.status };
}

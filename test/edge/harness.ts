// Shared by the edge suites: a converted copy of the fixture app with the
// engine entries (fixtures/apps/edge-entries) beside its package.json,
// bounded child processes that are always killed, free ports on 127.0.0.1,
// and the timing record (.cache/edge-timings.json).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fixturesDir, freshDir, repoRoot, testCacheDir } from '../helpers/paths.js';

/** All five packages of the fixture app; Node, Deno and workerd must serve each from Wasm. */
export const ALL_PACKAGES = ['bufferutil', 'utf-8-validate', 'msgpackr-extract', 'bigint-buffer', 'keccak'];
/**
 * Where the "browser" package.json field applies (browsers, and wrangler's default
 * platform), bigint-buffer and keccak swap in their own pure-JS builds (their
 * authors' choice), so only these three are served from Wasm there.
 */
export const BROWSER_FIELD_PACKAGES = ['bufferutil', 'utf-8-validate', 'msgpackr-extract'];

export const bin = (name: string) => path.join(repoRoot, 'node_modules', '.bin', name);
export const timingsFile = path.join(repoRoot, '.cache', 'edge-timings.json');

/** A fresh copy of the fixture app, converted by `napi-wasm build`, with the edge entries in it. */
export function convertedApp(label: string): string {
  const app = freshDir(`edge-${label}`);
  fs.cpSync(path.join(fixturesDir, 'apps', 'convert-app'), app, { recursive: true, verbatimSymlinks: true });
  fs.cpSync(path.join(fixturesDir, 'apps', 'edge-entries'), app, { recursive: true });
  const r = runCli(['build', app, '--cache-dir', path.join(testCacheDir, 'edge-compile-cache')]);
  expect(r.code, r.stderr).toBe(0);
  return app;
}

export interface Checked {
  engine: string;
  results: { name: string; ok: boolean; error?: string }[];
  firstCallAt?: number;
}

/** Every wanted package passed (the failure shows each engine error). */
export function expectAllPassed(out: Checked, wanted: string[]): void {
  expect(out.results).toEqual(wanted.map((name) => ({ name, ok: true })));
}

// ---- processes ----

const live = new Set<ChildProcess>();
afterAll(() => {
  for (const child of live) child.kill('SIGKILL');
});

export interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  startedAt: number;
  timedOut: boolean;
}

/** Runs a command to its end, killed after `timeoutMs`. */
export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const startedAt = Date.now();
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(child);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      live.delete(child);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      live.delete(child);
      resolve({ code, signal, stdout, stderr, startedAt, timedOut });
    });
  });
}

/** The one JSON line an entry printed. */
export function parseChecked(r: Ran): Checked {
  const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
  if (!line) throw new Error(`no result (exit ${r.code}${r.timedOut ? ', timed out' : ''})\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return JSON.parse(line) as Checked;
}

export interface Server {
  child: ChildProcess;
  startedAt: number;
  output(): string;
  stop(): Promise<void>;
}

/** Starts a long-running server process; it is killed by stop(), after `maxMs`, or when the file's tests end. */
export function startServer(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; maxMs?: number }): Server {
  const startedAt = Date.now();
  const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.maxMs ?? 60_000);
  child.on('close', () => {
    clearTimeout(timer);
    live.delete(child);
  });
  return {
    child,
    startedAt,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** GETs `url` until something answers (every 5 ms, up to `timeoutMs`); the first answer is the result. */
export async function fetchWhenUp(url: string, server: Server, timeoutMs = 20_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) throw new Error(`the server exited early:\n${server.output()}`);
    try {
      return await fetch(url);
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms: ${error}\n${server.output()}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

// ---- timings ----

export interface Timing {
  /** e.g. "workerd" */
  engine: string;
  /** how the app got there, e.g. "esbuild bundle" */
  entry: string;
  ok: boolean;
  /** From launching the engine's process to the first call into a package's addon. */
  startToFirstCallMs: number | null;
  /** Other measured steps (bundling, page navigation), in ms. */
  extra?: Record<string, number>;
  packages: string[];
}

/** Prints the timing line and merges it into .cache/edge-timings.json (several test files write it). */
export function recordTiming(t: Timing): void {
  const extra = Object.entries(t.extra ?? {}).map(([k, v]) => `, ${k} ${v} ms`).join('');
  console.log(`[edge] ${t.engine} (${t.entry}): ${t.ok ? 'pass' : 'FAIL'}, start to first addon call ${t.startToFirstCallMs ?? '?'} ms${extra}`);
  const lock = `${timingsFile}.lock`;
  fs.mkdirSync(path.dirname(timingsFile), { recursive: true });
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) fs.rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
  try {
    let data: { machine?: unknown; runs: Record<string, unknown> } = { runs: {} };
    try {
      data = JSON.parse(fs.readFileSync(timingsFile, 'utf8'));
    } catch {
      // first writer
    }
    data.machine = { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, cpu: os.cpus()[0]?.model };
    data.runs[`${t.engine} / ${t.entry}`] = { ...t, at: new Date().toISOString() };
    const tmp = `${timingsFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`);
    fs.renameSync(tmp, timingsFile);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Records one engine run from its checked output. */
export function recordChecked(engine: string, entry: string, packages: string[], startedAt: number, out: Checked | undefined, extra?: Record<string, number>): void {
  const ok = !!out && packages.every((name) => out.results.some((r) => r.name === name && r.ok));
  const first = out?.firstCallAt !== undefined ? out.firstCallAt - startedAt : null;
  recordTiming({ engine, entry, ok, startToFirstCallMs: first, extra, packages });
}

const COMPATIBILITY_DATE = '2025-09-01'; // nodejs_compat applies from 2024-09-23

/** A workerd config: one worker with these modules, on 127.0.0.1:port. */
export function capnp(modules: { name: string; kind: 'esModule' | 'wasm' }[], port: number): string {
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

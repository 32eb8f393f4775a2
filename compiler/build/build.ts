// `napi-wasm build`: convert every convertible addon in a project's
// node_modules in place. scan → compile (cached) → rewrite, one package at a
// time as a transaction, many packages at once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultCacheDir } from '../cache.js';
import { writeCodeCache } from '../code-cache.js';
import { NapiWasmError } from '../errors.js';
import { writeFileAtomic } from '../files.js';
import type { Logger } from '../log.js';
import { runtimeBundleCjs, runtimeBundleEsm, toolVersion } from '../paths.js';
import { scanProject, type ScannedAddon } from '../scan/scan.js';
import { discoverToolchain } from '../toolchain/discover.js';
import type { Toolchain } from '../toolchain/types.js';
import { convertPackage } from './convert-package.js';
import { RUNTIME_CJS } from './generated-files.js';
import { isUpToDate, loadManifest, recoverPending, saveManifest, stateDir } from './manifest.js';
import { acquireLock } from './lock.js';

export interface BuildOptions {
  root: string;
  jobs?: number;
  dryRun?: boolean;
  /** Unsupported packages fail the build too. */
  strict?: boolean;
  cacheDir?: string;
  toolchain?: string;
  log: Logger;
}

export type PackageStatus = 'converted' | 'up-to-date' | 'would-convert' | 'failed' | 'unsupported' | 'not-convertible';

export interface PackageOutcome {
  name: string;
  version: string;
  path: string;
  kind: ScannedAddon['kind'];
  status: PackageStatus;
  message: string;
  targets: string[];
  fromCache: boolean;
  error: { code: string; message: string; file?: string; line?: number; hint: string } | null;
}

export interface BuildReport {
  root: string;
  outcomes: PackageOutcome[];
  /** 0 ok; 1 a convertible addon failed (or, with --strict, anything was left unconverted). */
  exitCode: number;
  milliseconds: number;
}

/** Limits how many toolchain commands run at once across all packages. */
function limited(toolchain: Toolchain, jobs: number): Toolchain {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    ...toolchain,
    parallelism: jobs,
    async run(inv) {
      if (running >= jobs) await new Promise<void>((r) => waiting.push(r));
      running++;
      try {
        return await toolchain.run(inv);
      } finally {
        running--;
        waiting.shift()?.();
      }
    },
  };
}

export async function buildProject(options: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const root = path.resolve(options.root);
  const log = options.log;
  const jobs = Math.max(1, options.jobs ?? os.availableParallelism());
  const cacheDir = path.resolve(options.cacheDir ?? defaultCacheDir(root));
  if (!fs.existsSync(path.join(root, 'node_modules'))) {
    throw new NapiWasmError('USAGE', `${root} has no node_modules folder`, { location: { file: root }, hint: 'Run napi-wasm build in the project folder after npm install.' });
  }
  const release = options.dryRun ? () => {} : acquireLock(root);
  try {
    const manifest = loadManifest(root, toolVersion);
    const rolledBack = options.dryRun ? null : recoverPending(root, manifest);
    if (rolledBack) log.warn(`${rolledBack.name}: an earlier build stopped while converting it; its changes were undone`);

    const scan = scanProject(root);
    const outcomes: PackageOutcome[] = [];
    const base = (a: ScannedAddon) => ({ name: a.name, version: a.version, path: a.path, kind: a.kind, targets: [] as string[], fromCache: false, error: null });
    const todo: ScannedAddon[] = [];
    for (const a of scan.addons) {
      const record = manifest.packages.find((p) => p.dir === path.relative(root, a.dir));
      const outside = path.relative(root, a.dir).startsWith('..');
      if (a.convertible && outside) {
        // Reached through a symlink (a file: or workspace link): not ours to rewrite.
        outcomes.push({ ...base(a), status: 'not-convertible', message: `lives outside this project (${a.dir}); run napi-wasm build in its own project` });
      } else if (!a.convertible) {
        const status: PackageStatus = a.kind === 'prebuilt-only' && a.platformPackageOf ? 'not-convertible' : a.kind === 'napi-rs' ? 'not-convertible' : 'unsupported';
        outcomes.push({ ...base(a), status, message: a.action });
      } else if (knownUnsupported(manifest, path.relative(root, a.dir), a.version)) {
        outcomes.push({ ...base(a), status: 'unsupported', message: knownUnsupported(manifest, path.relative(root, a.dir), a.version)!.message });
      } else if (record && isUpToDate(root, record)) {
        outcomes.push({ ...base(a), status: 'up-to-date', message: 'already converted', targets: record.targets });
      } else {
        todo.push(a);
      }
    }

    const runtimeDir = stateDir(root);
    if (todo.length && !options.dryRun) installRuntime(runtimeDir);
    const toolchain = todo.length ? limited(await discoverToolchain({ toolchain: options.toolchain }), jobs) : undefined;
    let done = 0;
    const convertOne = async (a: ScannedAddon) => {
      log.info(`[${++done}/${todo.length}] ${a.name}@${a.version}: converting`);
      try {
        const r = await convertPackage({ root, addon: a, runtimeDir, cacheDir, toolchain: toolchain!, manifest, dryRun: Boolean(options.dryRun), log });
        const where = r.sites.map((s) => `${s.file}:${s.line}`).join(', ');
        outcomes.push({ ...base(a), status: options.dryRun ? 'would-convert' : 'converted', message: `${r.targets.map((t) => `${t}.wasm`).join(', ')}${r.fromCache ? ' (cached)' : ''}; loader rewritten at ${where}`, targets: r.targets, fromCache: r.fromCache });
      } catch (err) {
        if (!(err instanceof NapiWasmError)) throw err;
        const status: PackageStatus = err.code === 'LOADER_NOT_RECOGNIZED' || err.code === 'UNSUPPORTED' ? 'unsupported' : 'failed';
        const message = `${err.headline()}. ${err.hint}`;
        outcomes.push({ ...base(a), status, message, error: { code: err.code, message: err.message, file: err.location.file, line: err.location.line, hint: err.hint } });
        if (status === 'unsupported') {
          const dir = path.relative(root, a.dir);
          manifest.unsupported = [...(manifest.unsupported ?? []).filter((u) => u.dir !== dir), { dir, version: a.version, tool: toolVersion, message }];
        }
      }
    };
    // Packages run concurrently; the limited toolchain keeps clang processes at `jobs`.
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(jobs, todo.length) }, async () => {
      while (next < todo.length) await convertOne(todo[next++]!);
    }));
    if (!options.dryRun) saveManifest(root, manifest);
    if (todo.length && !options.dryRun) {
      // One V8 code cache for the app's runtime, made with every converted addon loaded.
      const wasmFiles = manifest.packages.flatMap((p) => p.created.filter((c) => c.endsWith('.wasm')).map((c) => path.join(root, c)));
      writeCodeCache(path.join(runtimeDir, RUNTIME_CJS), wasmFiles, log);
    }

    outcomes.sort((x, y) => x.name.localeCompare(y.name));
    const failed = outcomes.some((o) => o.status === 'failed');
    const unconverted = outcomes.some((o) => o.status === 'unsupported');
    return { root, outcomes, exitCode: failed || (options.strict && unconverted) ? 1 : 0, milliseconds: Math.round(performance.now() - started) };
  } finally {
    release();
  }
}

function knownUnsupported(manifest: { unsupported?: { dir: string; version: string; tool: string; message: string }[] }, dir: string, version: string) {
  return manifest.unsupported?.find((u) => u.dir === dir && u.version === version && u.tool === toolVersion);
}

/** One copy of the runtime per app; every converted package's stub requires it. */
function installRuntime(dir: string): void {
  for (const [from, to] of [[runtimeBundleCjs, RUNTIME_CJS], [runtimeBundleEsm, 'runtime.mjs']] as const) {
    const content = fs.readFileSync(from);
    const target = path.join(dir, to);
    if (!fs.existsSync(target) || !fs.readFileSync(target).equals(content)) writeFileAtomic(target, content);
  }
}

export function formatBuildReport(report: BuildReport): string {
  const icon: Record<PackageStatus, string> = { converted: 'converted', 'up-to-date': 'up to date', 'would-convert': 'would convert', failed: 'FAILED', unsupported: 'not converted', 'not-convertible': 'skipped' };
  const lines = report.outcomes.map((o) => `${icon[o.status].padEnd(13)}  ${`${o.name}@${o.version}`.padEnd(32)}  ${o.message}`);
  const count = (s: PackageStatus) => report.outcomes.filter((o) => o.status === s).length;
  lines.push('', `${count('converted')} converted, ${count('up-to-date')} up to date, ${count('failed')} failed, ${count('unsupported')} not converted, ${count('not-convertible')} skipped (${report.milliseconds} ms)`);
  return `${lines.join('\n')}\n`;
}

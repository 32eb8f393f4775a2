// Finds a wasm32-wasi toolchain, in this order:
//   1. --toolchain, or NAPI_WASM_CLANG / WASI_SDK_PATH;
//   2. a system LLVM >= 17 with a wasm32-wasi sysroot (Debian, Homebrew, wasi-sdk layouts);
//   3. the embedded @yowasp/clang.
// A candidate counts only if it really compiles and links a reactor module.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NapiWasmError } from '../errors.js';
import { runProcess, systemClang, type SystemClangSetup } from './system-clang.js';
import { systemToolchainInstallHint, type Toolchain, type ToolchainKind } from './types.js';
import { yowaspClang } from './yowasp-clang.js';
import { isDirectory } from '../paths.js';

export const MIN_CLANG_MAJOR = 17;
const TRIPLES = ['wasm32-wasi', 'wasm32-wasip1'];
const SYSROOTS = ['/usr/share/wasi-sysroot', '/opt/homebrew/share/wasi-sysroot', '/usr/local/share/wasi-sysroot', '/opt/wasi-sdk/share/wasi-sysroot'];
const LLVM_PREFIXES = ['/opt/homebrew/opt/llvm', '/usr/local/opt/llvm', '/home/linuxbrew/.linuxbrew/opt/llvm', '/opt/wasi-sdk'];

export interface DiscoverOptions {
  /** "yowasp", "system", a clang binary, or an LLVM / wasi-sdk folder. */
  toolchain?: string | undefined;
  env?: NodeJS.ProcessEnv;
}

export interface Candidate {
  clang: string;
  sysroot?: string | undefined;
  kind: ToolchainKind;
}

/** Why each rejected candidate was rejected, for `napi-wasm doctor`. */
export interface Discovery {
  toolchain: Toolchain;
  rejected: { clang: string; reason: string }[];
}

const memo = new Map<string, Promise<Discovery>>();

export function discoverToolchain(options: DiscoverOptions = {}): Promise<Toolchain> {
  return discover(options).then((d) => d.toolchain);
}

export function discover(options: DiscoverOptions = {}): Promise<Discovery> {
  const env = options.env ?? process.env;
  const request = options.toolchain ?? env.NAPI_WASM_CLANG ?? (env.WASI_SDK_PATH ? env.WASI_SDK_PATH : undefined);
  const key = request ?? '';
  let found = memo.get(key);
  if (!found) {
    found = discoverUncached(request);
    memo.set(key, found);
    found.catch(() => memo.delete(key));
  }
  return found;
}

async function discoverUncached(request: string | undefined): Promise<Discovery> {
  const rejected: Discovery['rejected'] = [];
  if (request === 'yowasp') return { toolchain: yowaspClang(), rejected };
  if (request !== undefined && request !== 'system') {
    const candidate = explicitCandidate(request);
    const result = await probe(candidate);
    if (typeof result === 'string') {
      throw new NapiWasmError('NO_TOOLCHAIN', `the toolchain ${request} cannot build wasm32-wasi modules: ${result}`, {
        hint: `Point --toolchain (or NAPI_WASM_CLANG / WASI_SDK_PATH) at clang >= ${MIN_CLANG_MAJOR} with a wasm32-wasi sysroot, use --toolchain yowasp for the embedded one, or install one: ${systemToolchainInstallHint()}`,
      });
    }
    return { toolchain: result, rejected };
  }
  for (const candidate of systemCandidates()) {
    const result = await probe(candidate);
    if (typeof result !== 'string') return { toolchain: result, rejected };
    rejected.push({ clang: candidate.clang, reason: result });
  }
  if (request === 'system') {
    throw new NapiWasmError('NO_TOOLCHAIN', `no system clang >= ${MIN_CLANG_MAJOR} with a wasm32-wasi sysroot was found`, {
      hint: `Install one with: ${systemToolchainInstallHint()}; or drop --toolchain system to use the embedded @yowasp/clang.`,
      details: rejected.map((r) => `${r.clang}: ${r.reason}`).join('\n'),
    });
  }
  return { toolchain: yowaspClang(), rejected };
}

function explicitCandidate(request: string): Candidate {
  const abs = path.resolve(request);
  if (isDirectory(abs)) {
    const sysroot = path.join(abs, 'share', 'wasi-sysroot');
    return { clang: path.join(abs, 'bin', 'clang'), sysroot: isDirectory(sysroot) ? sysroot : undefined, kind: 'explicit' };
  }
  return { clang: request.includes('/') ? abs : request, kind: 'explicit' };
}

function systemCandidates(): Candidate[] {
  const seen = new Set<string>();
  const out: Candidate[] = [];
  const add = (clang: string) => {
    let real: string;
    try {
      real = fs.realpathSync(clang);
    } catch {
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    out.push({ clang, kind: 'system' });
  };
  const pathDirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  // Newest versioned binaries first, then plain "clang".
  for (let major = 25; major >= MIN_CLANG_MAJOR; major--) {
    for (const dir of pathDirs) add(path.join(dir, `clang-${major}`));
    add(`/usr/lib/llvm-${major}/bin/clang`);
  }
  for (const prefix of LLVM_PREFIXES) add(path.join(prefix, 'bin', 'clang'));
  for (const dir of pathDirs) add(path.join(dir, 'clang'));
  return out;
}


/** clang++ beside clang ("clang-19" → "clang++-19"), if present. */
function siblingCxx(clang: string): string | undefined {
  const base = path.basename(clang);
  const cxx = path.join(path.dirname(clang), base.replace(/^clang/, 'clang++'));
  return cxx !== clang && fs.existsSync(cxx) ? cxx : undefined;
}

/** Returns a working toolchain, or the reason this candidate does not work. */
export async function probe(candidate: Candidate): Promise<Toolchain | string> {
  const versionRun = await runProcess(candidate.clang, ['--version']);
  if (versionRun.code !== 0) return `cannot run it (${versionRun.stderr.trim().split('\n')[0] || `exit ${versionRun.code}`})`;
  const version = /clang version (\d+)\.(\d+)\.(\d+)/.exec(versionRun.stdout);
  if (!version) return 'it does not say it is clang';
  if (Number(version[1]) < MIN_CLANG_MAJOR) return `clang ${version[1]} is older than ${MIN_CLANG_MAJOR}`;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'napi-wasm-probe-'));
  try {
    fs.writeFileSync(path.join(dir, 'probe.c'), '#include <stdlib.h>\n#include <string.h>\nint probe(int n) { char *p = malloc(n); memset(p, 0, n); free(p); return n; }\n');
    fs.writeFileSync(path.join(dir, 'probe.cc'), '#include <string>\nint probe_cxx(int n) { return (int)std::string(n, \'x\').size(); }\n');
    const sysroots = candidate.sysroot ? [candidate.sysroot] : [undefined, ...SYSROOTS.filter(isDirectory)];
    let lastError = '';
    for (const sysroot of sysroots) {
      for (const triple of TRIPLES) {
        const base = [`--target=${triple}`, ...(sysroot ? [`--sysroot=${sysroot}`] : []), '-mexec-model=reactor', '-O1'];
        const c = await runProcess(candidate.clang, [...base, path.join(dir, 'probe.c'), '-o', path.join(dir, 'probe.wasm')]);
        if (c.code !== 0) {
          lastError = c.stderr.trim().split('\n').slice(0, 3).join(' ');
          continue;
        }
        const clangxx = siblingCxx(candidate.clang);
        const cxxArgs = clangxx ? [] : ['--driver-mode=g++'];
        const cxx = await runProcess(clangxx ?? candidate.clang, [...cxxArgs, ...base, '-fno-exceptions', path.join(dir, 'probe.cc'), '-o', path.join(dir, 'probe-cxx.wasm')]);
        const setup: SystemClangSetup = {
          kind: candidate.kind,
          clang: candidate.clang,
          clangxx,
          version: `${version[1]}.${version[2]}.${version[3]}`,
          targetTriple: triple,
          sysroot,
          cxxSupported: cxx.code === 0,
        };
        return systemClang(setup);
      }
    }
    return `it cannot link a wasm32-wasi module (${lastError || 'no sysroot found'})`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

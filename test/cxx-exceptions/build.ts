// Builds a C++ fixture as a WASI command program linked with our C++
// exception runtime (napi-shims/cxx-exceptions). This is the one place that
// knows the flags; the compiler will later take this over.
//
// clang-19 (Debian): runtime objects are compiled once and cached under
// .cache/test/cxx-exceptions by content hash, then the fixture is compiled
// and linked against them. @yowasp/clang: one in-memory invocation.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SHIM_LIBRARIES, wasmExceptionFlags } from '../../compiler/shims.js';
import { YOWASP_CLANG_VERSION } from '../../compiler/toolchain/yowasp-clang.js';

const run = promisify(execFile);

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const runtimeDir = path.join(repoRoot, 'napi-shims', 'cxx-exceptions');
export const fixtureDir = path.join(repoRoot, 'fixtures', 'cxx-exceptions');
const cacheDir = path.join(repoRoot, '.cache', 'test', 'cxx-exceptions');

export type Toolchain = 'clang-19' | 'yowasp';

/** Flags for every C++ translation unit built with exceptions: the compiler's own. */
export function exceptionCompileFlags(toolchain: Toolchain): string[] {
  return wasmExceptionFlags({ clangVersion: toolchain === 'yowasp' ? YOWASP_CLANG_VERSION : '19.1.7' });
}

/** Link flags of the exception runtime, as the compiler links it. */
export const exceptionLinkFlags = SHIM_LIBRARIES.find((l) => l.name === 'cxx-exceptions')!.linkFlags;

export function runtimeSources(): string[] {
  return fs
    .readdirSync(runtimeDir)
    .filter((f) => f.endsWith('.cpp') || f.endsWith('.S'))
    .sort()
    .map((f) => path.join(runtimeDir, f));
}

export interface BuildOptions {
  toolchain?: Toolchain;
  /** false: plain -fno-exceptions build without the runtime (size baseline). */
  exceptions?: boolean;
  optimize?: string;
  strip?: boolean;
}

const targetOf = (toolchain: Toolchain) => (toolchain === 'yowasp' ? 'wasm32-wasip1' : 'wasm32-wasi');

function baseFlags(toolchain: Toolchain, exceptions: boolean, optimize: string): string[] {
  return [
    `--target=${targetOf(toolchain)}`,
    '-std=c++17',
    optimize,
    '-fno-rtti',
    ...(exceptions ? exceptionCompileFlags(toolchain) : ['-fno-exceptions']),
  ];
}

function hashFiles(files: string[], extra: string): string {
  const hash = crypto.createHash('sha256').update(extra);
  for (const f of files) hash.update(path.basename(f)).update(fs.readFileSync(f));
  for (const f of fs.readdirSync(runtimeDir).filter((n) => n.endsWith('.h')).sort())
    hash.update(f).update(fs.readFileSync(path.join(runtimeDir, f)));
  return hash.digest('hex').slice(0, 16);
}

function freshDir(name: string): string {
  const dir = path.join(cacheDir, 'tmp', `${name}-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Runtime objects for clang-19, compiled once per content hash. */
export async function runtimeObjects(optimize = '-O2'): Promise<string[]> {
  const sources = runtimeSources();
  const flags = baseFlags('clang-19', true, optimize);
  const dir = path.join(cacheDir, `runtime-${hashFiles(sources, flags.join(' '))}`);
  const objectName = (src: string) => `${path.basename(src)}.o`;
  if (!fs.existsSync(path.join(dir, 'complete'))) {
    const work = freshDir('runtime');
    await Promise.all(
      sources.map((src) =>
        run('clang++-19', [...flags, '-c', src, '-o', path.join(work, objectName(src))]),
      ),
    );
    fs.writeFileSync(path.join(work, 'complete'), '');
    try {
      fs.renameSync(work, dir);
    } catch {
      fs.rmSync(work, { recursive: true, force: true }); // another worker won
    }
  }
  return sources.map((src) => path.join(dir, objectName(src)));
}

async function buildWithClang19(fixture: string, options: Required<BuildOptions>): Promise<Uint8Array> {
  const { exceptions, optimize, strip } = options;
  const work = freshDir(path.basename(fixture, '.cpp'));
  try {
    const out = path.join(work, 'program.wasm');
    await run('clang++-19', [
      ...baseFlags('clang-19', exceptions, optimize),
      fixture,
      // Link order: program objects, then the runtime objects, then the
      // driver's -lc++ -lc++abi -lc. Objects always load, so the archive
      // members whose symbols the runtime defines are never pulled in.
      ...(exceptions ? await runtimeObjects(optimize) : []),
      '-o',
      out,
      ...(exceptions ? exceptionLinkFlags : []),
      ...(strip ? ['-Wl,--strip-all'] : []),
    ]);
    return fs.readFileSync(out);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function buildWithYowasp(fixture: string, options: Required<BuildOptions>): Promise<Uint8Array> {
  const { exceptions, optimize, strip } = options;
  const { commands } = await import('@yowasp/clang');
  // Its virtual file system reserves /tmp and /usr; mount ours at /src.
  const runtime: Record<string, string> = {};
  if (exceptions) for (const src of runtimeSources()) runtime[path.basename(src)] = fs.readFileSync(src, 'utf8');
  for (const h of fs.readdirSync(runtimeDir).filter((n) => n.endsWith('.h')))
    runtime[h] = fs.readFileSync(path.join(runtimeDir, h), 'utf8');
  const files = { src: { 'program.cpp': fs.readFileSync(fixture, 'utf8'), runtime } };
  let stderr = '';
  const decoder = new TextDecoder();
  try {
    const tree = (await commands['clang++'](
      [
        ...baseFlags('yowasp', exceptions, optimize),
        '/src/program.cpp',
        ...(exceptions ? runtimeSources().map((s) => `/src/runtime/${path.basename(s)}`) : []),
        '-o',
        '/src/program.wasm',
        ...(exceptions ? exceptionLinkFlags : []),
        ...(strip ? ['-Wl,--strip-all'] : []),
      ],
      files,
      {
        stderr: (bytes: Uint8Array | null) => {
          if (bytes) stderr += decoder.decode(bytes);
        },
      },
    )) as { src: Record<string, unknown> };
    return tree.src['program.wasm'] as Uint8Array;
  } catch (error) {
    throw new Error(`@yowasp/clang failed: ${String(error)}\n${stderr}`);
  }
}

/** Compile fixtures/cxx-exceptions/<name> (or an absolute path) to a WASI
 *  command module. */
export async function buildCxxProgram(name: string, options: BuildOptions = {}): Promise<Uint8Array> {
  const fixture = path.isAbsolute(name) ? name : path.join(fixtureDir, name);
  const full: Required<BuildOptions> = {
    toolchain: options.toolchain ?? 'clang-19',
    exceptions: options.exceptions ?? true,
    optimize: options.optimize ?? '-O2',
    strip: options.strip ?? false,
  };
  return full.toolchain === 'yowasp' ? buildWithYowasp(fixture, full) : buildWithClang19(fixture, full);
}

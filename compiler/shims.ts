// Support code from napi-shims/<library>/ linked into addons: a compact
// malloc, assert() without stdio, the memory model's pointer scan and the
// libuv subset (every addon; unused code is dropped by
// wasm-ld's --gc-sections), and the C++ exception runtime (addons built with
// exceptions). Each library is
// compiled once per toolchain and flags, and its objects are reused.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { compileUnits } from './compile.js';
import type { Logger } from './log.js';
import { nodeApiHeadersDir, shimsDir, shimsIncludeDir } from './paths.js';
import type { CompileUnit } from './plan.js';
import type { Toolchain } from './toolchain/types.js';

export interface ShimLibrary {
  name: string;
  needed(addon: { cxxExceptions: boolean }): boolean;
  cflags(toolchain: Toolchain): string[];
  /** Extra link flags for addons that link it. */
  linkFlags: string[];
}

/**
 * -fwasm-exceptions with the legacy instructions (try/catch/rethrow/delegate),
 * which Node 20 runs. LLVM >= 20 can also emit the newer exnref form; pin it.
 */
export function wasmExceptionFlags(toolchain: Pick<Toolchain, 'clangVersion'>): string[] {
  const major = Number(toolchain.clangVersion.split('.')[0]);
  return ['-fwasm-exceptions', ...(major >= 20 ? ['-mllvm', '-wasm-use-legacy-eh=true'] : [])];
}

export const SHIM_LIBRARIES: ShimLibrary[] = [
  // A 2 KB allocator in place of wasi-libc's 8.8 KB dlmalloc (napi-shims/malloc/malloc.c).
  { name: 'malloc', needed: () => true, cflags: () => ['-O2'], linkFlags: [] },
  { name: 'uv', needed: () => true, cflags: () => ['-O2'], linkFlags: [] },
  // __assert_fail without stdio (napi-shims/libc/assert.c).
  { name: 'libc', needed: () => true, cflags: () => ['-Oz'], linkFlags: [] },
  // The retention scan's inner loop, exported to the runtime (napi-shims/memory/scan.c).
  { name: 'memory', needed: () => true, cflags: () => ['-Os', '-msimd128'], linkFlags: [] },
  {
    name: 'cxx-exceptions',
    needed: (addon) => addon.cxxExceptions,
    cflags: (tc) => ['-O2', '-std=c++17', '-fno-rtti', ...wasmExceptionFlags(tc)],
    // The host recognises a C++ exception escaping into JS by this tag.
    linkFlags: ['-Wl,--export=__cpp_exception'],
  },
];

const SOURCE = /\.(c|cc|cpp|S)$/;

function sourcesOf(lib: ShimLibrary): string[] {
  const dir = path.join(shimsDir, lib.name);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => SOURCE.test(f)).sort().map((f) => path.join(dir, f));
}

function keyOf(lib: ShimLibrary, toolchain: Toolchain, flags: string[]): string {
  const hash = crypto.createHash('sha256').update(JSON.stringify([toolchain.description, toolchain.targetTriple, flags]));
  for (const dir of [path.join(shimsDir, lib.name), shimsIncludeDir]) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, f);
      if (fs.statSync(full).isFile()) hash.update(f).update(fs.readFileSync(full));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** Object files of every shim library `addon` needs, compiled into `objectsDir` if not there yet. */
export async function shimObjects(addon: { cxxExceptions: boolean }, toolchain: Toolchain, objectsDir: string, log: Logger): Promise<{ objects: string[]; linkFlags: string[] }> {
  const objects: string[] = [];
  const linkFlags: string[] = [];
  for (const lib of SHIM_LIBRARIES.filter((l) => l.needed(addon))) {
    const sources = sourcesOf(lib);
    if (sources.length === 0) continue;
    const flags = [
      `--target=${toolchain.targetTriple}`,
      ...(toolchain.sysroot ? [`--sysroot=${toolchain.sysroot}`] : []),
      `-I${shimsIncludeDir}`,
      `-I${nodeApiHeadersDir}`,
      ...lib.cflags(toolchain),
    ];
    const dir = path.join(objectsDir, `${lib.name}-${keyOf(lib, toolchain, flags)}`);
    const units: CompileUnit[] = sources.map((source) => ({
      targetName: `napi-shims/${lib.name}`,
      source,
      language: source.endsWith('.c') ? 'c' : 'c++',
      object: path.join(dir, `${path.basename(source)}.o`),
      flags,
      inputs: [source, path.dirname(source), shimsIncludeDir, nodeApiHeadersDir],
    }));
    if (!fs.existsSync(path.join(dir, 'complete'))) {
      log.info(`compile napi-shims/${lib.name} (once per toolchain)`);
      await compileUnits(units, toolchain, 'napi-wasm', log, shimsDir);
      fs.writeFileSync(path.join(dir, 'complete'), '');
    }
    objects.push(...units.map((u) => u.object));
    linkFlags.push(...lib.linkFlags);
  }
  return { objects, linkFlags };
}

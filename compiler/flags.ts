// Which compiler flags and sources make sense for wasm32-wasi. Anything
// dropped is reported in the build log; nothing is dropped silently.

// -m flags that are wasm features; every other -m flag targets a native CPU.
const WASM_FEATURE_FLAGS = /^-m(no-)?(simd128|relaxed-simd|bulk-memory|nontrapping-fptoint|sign-ext|mutable-globals|multivalue|reference-types|tail-call|exception-handling|extended-const|multimemory|fp16)$/;

const DROP_RULES: { test: (flag: string) => boolean; why: string }[] = [
  { test: (f) => /^-f(PIC|pic|PIE|pie)$/.test(f), why: 'position-independent code does not apply to a static wasm module' },
  { test: (f) => f === '-pthread' || f === '-pthreads', why: 'the wasm32-wasi target is single-threaded' },
  { test: (f) => f.startsWith('-m') && !WASM_FEATURE_FLAGS.test(f) && !f.startsWith('-mexec-model'), why: 'it targets a native CPU' },
  { test: (f) => f.startsWith('-fuse-ld='), why: 'wasm modules are linked with wasm-ld' },
  { test: (f) => f === '-rdynamic' || f.startsWith('-Wl,'), why: 'it is a native linker option' },
  { test: (f) => f.startsWith('-fstack-protector'), why: 'wasm has no stack protector runtime' },
  { test: (f) => f.startsWith('-fsanitize'), why: 'sanitizer runtimes are not available for wasm32-wasi' },
];

export interface FlagFilterResult {
  kept: string[];
  dropped: { flag: string; why: string }[];
}

export function filterFlags(flags: string[]): FlagFilterResult {
  const kept: string[] = [];
  const dropped: FlagFilterResult['dropped'] = [];
  for (const flag of flags) {
    const rule = DROP_RULES.find((r) => r.test(flag));
    if (rule) dropped.push({ flag, why: rule.why });
    else kept.push(flag);
  }
  return { kept, dropped };
}

export type SourceKind = 'c' | 'c++' | 'header' | 'unsupported' | 'other';

const C_EXT = new Set(['.c']);
const CXX_EXT = new Set(['.cc', '.cpp', '.cxx', '.c++', '.cp']);
const HEADER_EXT = new Set(['.h', '.hh', '.hpp', '.hxx', '.h++', '.inc', '.inl', '.ipp', '.tcc', '.def']);
const UNSUPPORTED_EXT = new Set(['.s', '.asm', '.m', '.mm', '.rc']);

export function sourceKind(file: string): SourceKind {
  const dot = file.lastIndexOf('.');
  const ext = dot >= 0 ? file.slice(dot) : '';
  if (ext === '.C') return 'c++';
  const lower = ext.toLowerCase();
  if (C_EXT.has(lower)) return 'c';
  if (CXX_EXT.has(lower)) return 'c++';
  if (HEADER_EXT.has(lower)) return 'header';
  if (UNSUPPORTED_EXT.has(lower)) return 'unsupported';
  return 'other';
}

/** Libraries that wasi-libc provides, or that only matter for native threads and loading. */
const LIBC_PARTS = new Set(['m', 'c']);
const NATIVE_ONLY_LIBS = new Set(['pthread', 'rt', 'dl', 'util']);

export type LibraryDecision = { use: string } | { drop: string } | { missing: string };

export function libraryDecision(lib: string): LibraryDecision {
  const m = /^-l(.+)$/.exec(lib);
  if (m) {
    if (LIBC_PARTS.has(m[1]!)) return { use: lib };
    if (NATIVE_ONLY_LIBS.has(m[1]!)) return { drop: `${lib}: wasi-libc covers it or it only matters natively` };
    return { missing: m[1]! };
  }
  return { missing: lib };
}

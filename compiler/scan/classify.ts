// Sorts a package with native code into one kind, from the signals in
// shared/research/addon-corpus.md: headers included (and whether the include
// is conditional), registration macros, gyp include dirs and dependencies,
// package.json fields, prebuild file tags, and a binary's imported symbols.
import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { apiUse, readImportedSymbols, type ApiUse } from './binary-imports.js';
import type { InstalledPackage } from './walk.js';

export type AddonKind = 'node-api-c' | 'node-addon-api' | 'mixed' | 'napi-rs' | 'nan-v8' | 'prebuilt-only' | 'needs-system-library';

/** Kinds napi-wasm compiles from source. */
export const CONVERTIBLE_KINDS: readonly AddonKind[] = ['node-api-c', 'node-addon-api', 'mixed'];

export interface Classification {
  kind: AddonKind;
  /** binding.gyp, absolute, when the package ships one. */
  gypFile?: string;
  /** One line per signal that decided the kind. */
  signals: string[];
  /** For prebuilt-only: what the shipped binaries import. */
  binaryApi?: ApiUse;
  /** Wasm builds the package (or its publisher) already ships, as npm package names. */
  wasmBuilds?: string[];
  /** System libraries the build needs (pkg-config, -l). */
  systemLibraries?: string[];
}

const SOURCE_GLOBS = ['**/*.{c,cc,cpp,cxx,h,hh,hpp,hxx}'];
const IGNORE = ['**/node_modules/**', '**/.git/**', '**/build/**', '**/test/**', '**/tests/**', '**/example*/**', '**/bench*/**'];
const MAX_SOURCES = 4000;

interface IncludeScan {
  napiC: string[];
  napiCxx: string[];
  nan: string[];
  v8Unconditional: string[];
  v8Conditional: string[];
  registration: string[];
}

/** Scans C/C++ files for includes and registration macros, tracking #if nesting. */
function scanSources(pkgDir: string, files: string[]): IncludeScan {
  const scan: IncludeScan = { napiC: [], napiCxx: [], nan: [], v8Unconditional: [], v8Conditional: [], registration: [] };
  for (const rel of files) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(pkgDir, rel), 'utf8');
    } catch {
      continue;
    }
    const isHeader = /\.(h|hh|hpp|hxx)$/.test(rel);
    let depth = 0;
    let guardSkipped = false;
    for (const line of text.split('\n')) {
      const directive = /^\s*#\s*(\w+)\s*(.*)$/.exec(line);
      if (!directive) {
        if (/^\s*(NAPI_MODULE|NAPI_MODULE_INIT|NODE_API_MODULE)\s*\(/.test(line)) scan.registration.push(`${rel}: Node-API registration`);
        if (/^\s*(NODE_MODULE|NAN_MODULE_INIT|NODE_MODULE_INIT)\s*\(/.test(line)) scan.registration.push(`${rel}: V8 registration`);
        continue;
      }
      const [, name, rest] = directive;
      if (name === 'if' || name === 'ifdef' || name === 'ifndef') {
        // A header's include guard does not make its contents conditional.
        if (isHeader && !guardSkipped && name === 'ifndef' && depth === 0) guardSkipped = true;
        else depth++;
      } else if (name === 'endif') {
        depth = Math.max(0, depth - 1);
      } else if (name === 'include') {
        const header = /[<"]([^>"]+)[>"]/.exec(rest!)?.[1] ?? '';
        const base = path.basename(header);
        const where = `${rel} includes ${header}`;
        if (base === 'node_api.h' || base === 'js_native_api.h') scan.napiC.push(where);
        else if (base === 'napi.h') scan.napiCxx.push(where);
        else if (base === 'nan.h') scan.nan.push(where);
        else if (base === 'v8.h' || base === 'node.h' || base === 'node_object_wrap.h' || base === 'node_buffer.h') (depth > 0 ? scan.v8Conditional : scan.v8Unconditional).push(where);
      }
    }
  }
  return scan;
}

const OK_LIBS = new Set(['m', 'c', 'pthread', 'rt', 'dl', 'util']);

function systemLibraries(gypText: string): string[] {
  const libs = new Set<string>();
  if (/pkg-config/.test(gypText)) libs.add('pkg-config');
  for (const m of gypText.matchAll(/['"]-l([\w.+-]+)['"]/g)) if (!OK_LIBS.has(m[1]!)) libs.add(m[1]!);
  return [...libs];
}

function findWasmBuilds(pkg: InstalledPackage): string[] {
  return Object.keys(pkg.packageJson.optionalDependencies ?? {}).filter((d) => /wasm32/.test(d)).sort();
}

export function classifyPackage(pkg: InstalledPackage): Classification | undefined {
  const pj = pkg.packageJson;
  const dir = pkg.dir;
  const gypFiles = fg.sync(['binding.gyp', '*/binding.gyp'], { cwd: dir, ignore: IGNORE });
  const nodeFiles = fg.sync(['**/*.node'], { cwd: dir, ignore: ['**/node_modules/**'], deep: 6 });

  if (pj.napi && typeof pj.napi === 'object' && gypFiles.length === 0) {
    const targets = JSON.stringify(pj.napi.targets ?? pj.napi.triples ?? '');
    const base = pj.napi.packageName ?? pkg.name;
    const listed = findWasmBuilds(pkg);
    const wasmBuilds = listed.length ? listed : /wasm32/.test(targets) ? [`${base}-wasm32-wasi`] : [];
    return { kind: 'napi-rs', signals: ['package.json has a "napi" field (napi-rs)'], wasmBuilds };
  }

  if (gypFiles.length > 0) {
    const gypFile = path.join(dir, gypFiles.sort((a, b) => a.length - b.length)[0]!);
    const gypText = fs.readFileSync(gypFile, 'utf8');
    const sources = fg.sync(SOURCE_GLOBS, { cwd: dir, ignore: IGNORE }).slice(0, MAX_SOURCES);
    const scan = scanSources(dir, sources);
    const deps = { ...pj.dependencies, ...pj.optionalDependencies };
    const signals: string[] = [];
    const usesNan = scan.nan.length > 0 || 'nan' in deps || /require\(\\?['"]nan\\?['"]\)/.test(gypText);
    const usesNaa = scan.napiCxx.length > 0 || /node-addon-api/.test(gypText);
    const usesNapi = usesNaa || scan.napiC.length > 0;
    const libs = systemLibraries(gypText);
    if (usesNan) signals.push(...(scan.nan.length ? scan.nan.slice(0, 2) : ['depends on nan']));
    signals.push(...scan.v8Unconditional.slice(0, 2), ...scan.v8Conditional.slice(0, 2), ...scan.napiCxx.slice(0, 1), ...scan.napiC.slice(0, 1), ...scan.registration.slice(0, 2));
    const base = { gypFile, signals };
    if (libs.length) {
      signals.push(`binding.gyp links system libraries: ${libs.join(', ')}`);
      return { ...base, kind: 'needs-system-library', systemLibraries: libs, wasmBuilds: findWasmBuilds(pkg) };
    }
    if (usesNan || (scan.v8Unconditional.length > 0 && !usesNapi)) return { ...base, kind: 'nan-v8' };
    if (usesNapi && scan.v8Unconditional.length > 0) return { ...base, kind: 'nan-v8', signals: [...signals, 'Node-API code that also needs V8 unconditionally'] };
    if (usesNapi && scan.v8Conditional.length > 0) return { ...base, kind: 'mixed' };
    if (usesNaa) return { ...base, kind: 'node-addon-api' };
    if (usesNapi) return { ...base, kind: 'node-api-c' };
    return { ...base, kind: 'nan-v8', signals: [...signals, 'no Node-API header found in the sources'] };
  }

  if (nodeFiles.length > 0) {
    const uses = new Set<ApiUse>();
    for (const f of nodeFiles.slice(0, 20)) {
      try {
        uses.add(apiUse(readImportedSymbols(fs.readFileSync(path.join(dir, f))).symbols));
      } catch {
        // unreadable binary: no signal
      }
    }
    const tags = nodeFiles.some((f) => /\.napi\./.test(f)) ? ['prebuild tag "napi"'] : [];
    const abiTags = nodeFiles.some((f) => /\.abi\d+\./.test(f)) ? ['prebuild tag "abiNNN" (V8 ABI)'] : [];
    const binaryApi: ApiUse = uses.has('node-api+v8') || (uses.has('node-api') && uses.has('v8')) ? 'node-api+v8' : uses.has('v8') ? 'v8' : uses.has('node-api') ? 'node-api' : 'none';
    return { kind: 'prebuilt-only', binaryApi, signals: [`ships ${nodeFiles.length} .node file(s) and no binding.gyp`, ...tags, ...abiTags, `binaries import: ${binaryApi}`] };
  }
  return undefined;
}

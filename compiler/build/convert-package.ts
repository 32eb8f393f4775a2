// Converts one scanned package in place: compile its addons (or take them
// from the cache), find and rewrite its loading code, add the generated files
// and the package.json "imports" entry — all applied as one transaction.
import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import MagicString from 'magic-string';
import { compileAddon } from '../compile-addon.js';
import { NapiWasmError } from '../errors.js';
import type { Logger } from '../log.js';
import { analyzeLoaderFile, type LoaderSite } from '../rewrite/loader-sites.js';
import type { ScannedAddon } from '../scan/scan.js';
import type { Toolchain } from '../toolchain/types.js';
import { generatedFiles, GENERATED_DIR, importKey, importsEntry } from './generated-files.js';
import { applyPackage, type FileWrite, type Manifest, type PackageRecord } from './manifest.js';

const LOADER_FILES = ['**/*.{js,cjs,mjs}'];
const LOADER_IGNORE = ['**/node_modules/**', '**/test/**', '**/tests/**', '**/__tests__/**', '**/example*/**', '**/bench*/**', '**/docs/**', '**/coverage/**', '**/prebuilds/**', '**/build/**', `${GENERATED_DIR}/**`, '**/*.min.js'];
const MAX_LOADER_BYTES = 2 * 1024 * 1024;

export interface ConvertOptions {
  root: string;
  addon: ScannedAddon;
  runtimeDir: string;
  cacheDir: string;
  toolchain: Toolchain;
  manifest: Manifest;
  dryRun: boolean;
  log: Logger;
}

export interface ConvertResult {
  targets: string[];
  sites: { file: string; line: number; kind: string; target: string }[];
  fromCache: boolean;
  record: PackageRecord | null;
}

export async function convertPackage(o: ConvertOptions): Promise<ConvertResult> {
  const { addon, root } = o;
  const scratch = path.join(o.cacheDir, 'work', `${addon.name.replace(/[/@]/g, '_')}-${process.pid}`);
  try {
    const compiled = await compileAddon({
      addonDir: path.dirname(addon.gypFile!),
      outDir: path.join(scratch, 'out'),
      workDir: path.join(scratch, 'obj'),
      toolchain: o.toolchain,
      cacheDir: o.cacheDir,
      nodeApiOnly: addon.kind === 'mixed',
      log: prefixed(o.log, addon.name),
    });
    const targets = compiled.addons.map((a) => a.name);
    const { edits, sites } = findLoaderEdits(addon, targets);
    if (o.dryRun) return { targets, sites, fromCache: compiled.fromCache, record: null };

    const creates: FileWrite[] = [];
    for (const a of compiled.addons) {
      for (const f of generatedFiles({ packageName: addon.name, packageDir: addon.dir, runtimeDir: o.runtimeDir, target: a.name, wasm: fs.readFileSync(a.wasmFile) })) {
        creates.push({ path: path.relative(root, path.join(addon.dir, f.path)), content: f.content });
      }
    }
    for (const e of edits) if (e.map) creates.push({ path: path.relative(root, e.map.file), content: e.map.content });
    const modifies: FileWrite[] = edits.map((e) => ({ path: path.relative(root, e.file), content: e.content }));
    modifies.push({ path: path.relative(root, path.join(addon.dir, 'package.json')), content: packageJsonWithImports(addon.dir, targets) });
    const record = applyPackage(root, o.manifest, { name: addon.name, version: addon.version, dir: path.relative(root, addon.dir), cacheKey: compiled.cacheKey, targets }, creates, modifies);
    return { targets, sites, fromCache: compiled.fromCache, record };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function prefixed(log: Logger, name: string): Logger {
  return { info: (m) => log.info(`${name}: ${m}`), warn: (m) => log.warn(`${name}: ${m}`), verbose: (m) => log.verbose(`${name}: ${m}`) };
}

interface FileEdit {
  file: string;
  content: string;
  map: { file: string; content: string } | undefined;
}

function findLoaderEdits(addon: ScannedAddon, targets: string[]): { edits: FileEdit[]; sites: ConvertResult['sites'] } {
  const defaultTarget = targets.length === 1 ? targets[0] : targets.find((t) => t === path.basename(addon.name));
  const files = fg.sync(LOADER_FILES, { cwd: addon.dir, ignore: LOADER_IGNORE, absolute: true });
  const edits: FileEdit[] = [];
  const sites: ConvertResult['sites'] = [];
  const evidence: { file: string; line: number; reason: string }[] = [];
  for (const file of files) {
    if (fs.statSync(file).size > MAX_LOADER_BYTES) continue;
    const source = fs.readFileSync(file, 'utf8');
    const analysis = analyzeLoaderFile(source, { targets, defaultTarget });
    evidence.push(...analysis.unrecognized.map((u) => ({ file, line: u.line, reason: u.reason })));
    if (analysis.sites.length === 0) continue;
    edits.push({ file, ...rewriteFile(file, source, analysis.sites, analysis.isModule, addon.dir) });
    sites.push(...analysis.sites.map((s) => ({ file: path.relative(addon.dir, file), line: s.line, kind: s.kind, target: s.target })));
  }
  if (edits.length === 0) {
    const first = evidence[0];
    const main = path.join(addon.dir, typeof addon.name === 'string' ? 'package.json' : '');
    throw new NapiWasmError('LOADER_NOT_RECOGNIZED', first ? `its addon loader was not recognised (${first.reason})` : 'no code that loads its addon was found', {
      location: { packageName: addon.name, file: first?.file ?? main, ...(first ? { line: first.line } : {}) },
      hint: 'The package was left untouched. napi-wasm understands node-gyp-build, bindings, node-pre-gyp find(), and require() of build/Release/*.node paths; other loaders need --register (node --require napi-wasm-build/register) or a hand edit.',
    });
  }
  return { edits, sites };
}

/** Replaces each site by position, keeping a source map; ESM files get an import instead of require. */
function rewriteFile(file: string, source: string, sites: LoaderSite[], isModule: boolean, packageDir: string): { content: string; map: { file: string; content: string } | undefined } {
  const s = new MagicString(source);
  const imports = new Map<string, string>();
  for (const site of sites) {
    let stub = path.relative(path.dirname(file), path.join(packageDir, GENERATED_DIR, `${site.target}.cjs`)).split(path.sep).join('/');
    if (!stub.startsWith('.')) stub = `./${stub}`;
    let load: string;
    if (isModule) {
      const id = `__napiWasm_${site.target.replace(/\W/g, '_')}`;
      imports.set(id, stub);
      load = id;
    } else {
      load = `require(${JSON.stringify(stub)})`;
    }
    s.overwrite(site.start, site.end, site.replacement(load));
  }
  for (const [id, stub] of imports) s.prepend(`import ${id} from ${JSON.stringify(stub)}; `);
  // Appended, not prepended: lines keep their numbers, so an existing source map stays right
  // everywhere but the edited expressions. Files without one get ours.
  s.append(`\n/* napi-wasm: this package loads its native addon from WebAssembly (napi-wasm restore undoes this). */\n`);
  if (/^\/\/# sourceMappingURL=/m.test(source)) return { content: s.toString(), map: undefined };
  const mapName = `${path.basename(file)}.napi-wasm.map`;
  s.append(`//# sourceMappingURL=${mapName}\n`);
  const map = s.generateMap({ source: path.basename(file), file: path.basename(file), hires: true, includeContent: true });
  return { content: s.toString(), map: { file: path.join(path.dirname(file), mapName), content: map.toString() } };
}

function packageJsonWithImports(dir: string, targets: string[]): string {
  const text = fs.readFileSync(path.join(dir, 'package.json'), 'utf8');
  const pj = JSON.parse(text) as { imports?: Record<string, unknown> };
  const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
  pj.imports = { ...(pj.imports ?? {}) };
  for (const t of targets) pj.imports[importKey(t)] = importsEntry(t);
  return `${JSON.stringify(pj, null, indent)}\n`;
}

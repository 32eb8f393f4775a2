// `napi-wasm scan`: every package with native code below a project root, and
// what napi-wasm can do with it. The JSON form is a stable, documented schema
// (docs/scan-json.md); bump SCAN_SCHEMA_VERSION on any incompatible change.
import path from 'node:path';
import { classifyPackage, CONVERTIBLE_KINDS, type AddonKind } from './classify.js';
import { findInstalledPackages, type InstalledPackage } from './walk.js';
import type { ApiUse } from './binary-imports.js';

export const SCAN_SCHEMA_VERSION = 1;

export interface ScannedAddon {
  name: string;
  version: string;
  /** Real path of the package folder. */
  dir: string;
  /** Where it was found, relative to the root. */
  path: string;
  kind: AddonKind;
  /** napi-wasm compiles it from source. */
  convertible: boolean;
  /** What to do about it, in one sentence. */
  action: string;
  signals: string[];
  gypFile: string | null;
  binaryApi: ApiUse | null;
  /** Wasm builds the publisher ships (npm package names). */
  wasmBuilds: string[];
  systemLibraries: string[];
  /** For prebuilt-only platform packages: the package that lists it in optionalDependencies. */
  platformPackageOf: string | null;
}

export interface ScanResult {
  schemaVersion: typeof SCAN_SCHEMA_VERSION;
  root: string;
  packagesScanned: number;
  addons: ScannedAddon[];
}

function actionFor(a: Omit<ScannedAddon, 'action'>): string {
  switch (a.kind) {
    case 'node-api-c':
    case 'node-addon-api':
      return 'compile to Wasm';
    case 'mixed':
      return 'compile the Node-API path to Wasm (its optional V8 code is left out)';
    case 'napi-rs':
      return a.wasmBuilds.length ? `use its own Wasm build (${a.wasmBuilds.join(' or ')})` : 'napi-rs package without a published Wasm build: rebuild it with napi-rs for wasm32-wasip1';
    case 'nan-v8':
      return 'unsupported: it uses the V8 C++ API (NAN or node.h), which only exists inside Node';
    case 'needs-system-library':
      return `unsupported: it needs system libraries (${a.systemLibraries.join(', ')})${a.wasmBuilds.length ? `; it ships its own Wasm build (${a.wasmBuilds.join(' or ')})` : ''}`;
    case 'prebuilt-only':
      if (a.platformPackageOf) return `prebuilt binaries of ${a.platformPackageOf}; nothing to do here`;
      return `no sources shipped (its binaries use ${a.binaryApi === 'none' ? 'no Node API' : a.binaryApi}); rebuild from the project's repository`;
  }
}

export function scanProject(root: string): ScanResult {
  const packages = findInstalledPackages(root);
  const optionalOwners = new Map<string, string>();
  for (const p of packages) for (const dep of Object.keys(p.packageJson.optionalDependencies ?? {})) optionalOwners.set(dep, p.name);
  const addons: ScannedAddon[] = [];
  for (const pkg of packages) {
    const c = classifyPackage(pkg);
    if (!c) continue;
    const partial = {
      name: pkg.name,
      version: pkg.version,
      dir: pkg.dir,
      path: pkg.foundAt,
      kind: c.kind,
      convertible: CONVERTIBLE_KINDS.includes(c.kind),
      signals: c.signals,
      gypFile: c.gypFile ?? null,
      binaryApi: c.binaryApi ?? null,
      wasmBuilds: c.wasmBuilds ?? [],
      systemLibraries: c.systemLibraries ?? [],
      platformPackageOf: c.kind === 'prebuilt-only' ? optionalOwners.get(pkg.name) ?? null : null,
    };
    addons.push({ ...partial, action: actionFor(partial) });
  }
  return { schemaVersion: SCAN_SCHEMA_VERSION, root: path.resolve(root), packagesScanned: packages.length, addons };
}

export function formatScanTable(result: ScanResult): string {
  if (result.addons.length === 0) return `No native addons among ${result.packagesScanned} packages in ${result.root}.\n`;
  const rows = result.addons.map((a) => [`${a.name}@${a.version}`, a.kind, a.action]);
  const header = ['PACKAGE', 'KIND', 'ACTION'];
  const widths = [0, 1].map((i) => Math.max(header[i]!.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padEnd(widths[1]!)}  ${r[2]}`;
  const convertible = result.addons.filter((a) => a.convertible).length;
  return [line(header), ...rows.map(line), '', `${result.addons.length} native addon(s) in ${result.packagesScanned} packages; ${convertible} can be compiled to Wasm.`, ''].join('\n');
}

export type { InstalledPackage };

// Finds every installed package below a project root, in every layout:
// npm's hoisted and nested node_modules, workspaces, and pnpm's .pnpm store
// reached through symlinks. Each physical package is listed once.
import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';

export interface InstalledPackage {
  name: string;
  version: string;
  /** Real path of the package folder. */
  dir: string;
  /** Where it was first found, relative to the root (e.g. node_modules/a/node_modules/b). */
  foundAt: string;
  packageJson: PackageJson;
}

export interface PackageJson {
  name?: string;
  version?: string;
  main?: string;
  gypfile?: boolean;
  napi?: { binaryName?: string; packageName?: string; targets?: string[]; triples?: unknown };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  workspaces?: string[] | { packages?: string[] };
  imports?: Record<string, unknown>;
  [key: string]: unknown;
}

export function readPackageJson(dir: string): PackageJson | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
  } catch {
    return undefined;
  }
}

function realpath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

function listDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

export function findInstalledPackages(root: string): InstalledPackage[] {
  const rootReal = realpath(root) ?? path.resolve(root);
  const found = new Map<string, InstalledPackage>();
  const visitedModuleDirs = new Set<string>();

  const visitPackage = (dir: string) => {
    const real = realpath(dir);
    if (!real || found.has(real)) return;
    const pj = readPackageJson(real);
    if (!pj) return;
    found.set(real, { name: pj.name ?? path.basename(real), version: pj.version ?? '0.0.0', dir: real, foundAt: path.relative(rootReal, dir) || '.', packageJson: pj });
    visitModules(path.join(real, 'node_modules'));
  };

  const visitModules = (modulesDir: string) => {
    const real = realpath(modulesDir);
    if (!real || visitedModuleDirs.has(real)) return;
    visitedModuleDirs.add(real);
    // The pnpm store last, so a package is reported where the project sees it.
    const entries = listDir(modulesDir).sort((a, b) => Number(a === '.pnpm') - Number(b === '.pnpm'));
    for (const entry of entries) {
      if (entry === '.pnpm') {
        // pnpm's store: .pnpm/<name>@<version>/node_modules/<name> (and its siblings).
        for (const storeEntry of listDir(path.join(modulesDir, entry))) visitModules(path.join(modulesDir, entry, storeEntry, 'node_modules'));
      } else if (entry.startsWith('.')) {
        continue; // .bin, .cache, .napi-wasm, .package-lock.json
      } else if (entry.startsWith('@')) {
        for (const scoped of listDir(path.join(modulesDir, entry))) visitPackage(path.join(modulesDir, entry, scoped));
      } else {
        visitPackage(path.join(modulesDir, entry));
      }
    }
  };

  visitModules(path.join(rootReal, 'node_modules'));
  // Workspace packages can have node_modules of their own.
  const rootPj = readPackageJson(rootReal);
  const patterns = Array.isArray(rootPj?.workspaces) ? rootPj.workspaces : rootPj?.workspaces?.packages ?? [];
  if (patterns.length) {
    for (const ws of fg.sync(patterns.map((p) => p.replace(/\/?$/, '/package.json')), { cwd: rootReal, ignore: ['**/node_modules/**'] })) {
      visitModules(path.join(rootReal, path.dirname(ws), 'node_modules'));
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

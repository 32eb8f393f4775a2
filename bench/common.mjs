// Paths and small helpers shared by the bench scripts.
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const root = path.dirname(benchDir);
export const cacheDir = path.join(benchDir, '.cache');
export const resultsDir = path.join(benchDir, 'results');
export const packagesDir = path.join(benchDir, 'packages');

/** The three columns, in table order. */
export const IMPLS = ['native', 'emnapi', 'napi-wasm'];

/** The addons the bench builds: name → { dir, target }. */
export const ADDONS = {
  bench: { dir: path.join(benchDir, 'addon'), target: 'bench' },
  bufferutil: { dir: path.join(packagesDir, 'node_modules', 'bufferutil'), target: 'bufferutil' },
  // C (the Keccak team's code) behind a node-addon-api C++ class, with C++ exceptions.
  keccak: { dir: path.join(packagesDir, 'node_modules', 'keccak'), target: 'addon' },
  // The project's own hello fixture (hello, add, fill) once it exists.
  hello: {
    dir: fs.existsSync(path.join(root, 'fixtures', 'hello', 'binding.gyp')) ? path.join(root, 'fixtures', 'hello') : path.join(benchDir, 'hello'),
    target: 'hello',
  },
  // One function returning a string: the floor of a wasm build's size.
  'hello-minimal': { dir: path.join(benchDir, 'hello'), target: 'hello' },
};

/** The same clang for emnapi and napi-wasm, so both columns compare runtimes, not compilers. */
export const CLANG = process.env.BENCH_CLANG ?? 'clang-19';

/** Content hash of files and folders (skipping build outputs), plus extra strings. */
export function hashInputs(inputs, ...extra) {
  const h = crypto.createHash('sha256');
  const visit = (p) => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) return h.update(`missing:${p}\n`);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) {
        if (name === 'build' || name === 'node_modules' || name.startsWith('.')) continue;
        visit(path.join(p, name));
      }
    } else {
      h.update(`${path.relative(root, p)}\n`);
      h.update(fs.readFileSync(p));
    }
  };
  for (const input of inputs) visit(input);
  for (const e of extra) h.update(`\n${e}`);
  return h.digest('hex').slice(0, 16);
}

/** Node's headers for node-gyp: npm's nodedir, or the ones installed beside this node binary. */
export function nodedirArgs() {
  const configured = process.env.npm_config_nodedir;
  if (configured) return [`--nodedir=${configured}`];
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return fs.existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? [`--nodedir=${prefix}`] : [];
}

export function run(command, args, options = {}) {
  return execFileSync(command, args, { stdio: 'pipe', encoding: 'utf8', ...options });
}

/** First line of `command --version`, or undefined. */
export function versionOf(command, args = ['--version']) {
  try {
    return run(command, args).split('\n')[0].trim();
  } catch {
    return undefined;
  }
}

/** Removes other cached builds of the same addon (`<name>-<old key>`) beside `keep`. */
export function pruneSiblings(keep) {
  const dir = path.dirname(keep);
  const prefix = path.basename(keep).replace(/-[0-9a-f]{16}$/, '-');
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir)) {
    if (entry !== path.basename(keep) && entry.startsWith(prefix) && /^[0-9a-f]{16}$/.test(entry.slice(prefix.length))) {
      fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
    }
  }
}

export function log(message) {
  process.stderr.write(`[bench] ${message}\n`);
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

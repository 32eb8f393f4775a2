// The embedded default: @yowasp/clang, Clang and LLD compiled to Wasm and
// shipped on npm. It runs in-process over an in-memory file system, so each
// command gets the files it reads mounted under /h/<host path> and hands back
// the files it wrote.
import fs from 'node:fs';
import path from 'node:path';
import type { ClangInvocation, Toolchain, ToolResult } from './types.js';
import { isDirectory } from '../paths.js';

type Tree = { [name: string]: Tree | string | Uint8Array };
type RunOptions = { stderr?: (b: Uint8Array | null) => void; stdout?: (b: Uint8Array | null) => void; fetchProgress?: () => void };
type RunClang = (args: string[], files: Tree, options: RunOptions) => Promise<Tree>;

export const YOWASP_CLANG_VERSION = '22.1.0';
const MOUNT = '/h';
// The virtual file system keeps these names for itself.
const SOURCE_EXTENSIONS = new Set(['.c', '.cc', '.cpp', '.cxx', '.c++', '.h', '.hh', '.hpp', '.hxx', '.h++', '.inc', '.def', '.ipp', '.tcc', '.inl', '.ixx', '']);
const MAX_FILE_BYTES = 32 * 1024 * 1024;

let runClangPromise: Promise<RunClang> | undefined;
function loadRunClang(): Promise<RunClang> {
  // The first call loads the 105 MB toolchain; passing no arguments loads it
  // without running anything, and lets us silence its progress lines.
  runClangPromise ??= import('@yowasp/clang').then(async (m) => {
    const runClang = (m as unknown as { runClang: RunClang }).runClang;
    await (runClang as unknown as (a: null, f: Tree, o: RunOptions) => Promise<unknown>)(null, {}, { fetchProgress: () => {} });
    return runClang;
  });
  return runClangPromise;
}

/** Host path → path inside the virtual file system. */
function toVirtual(hostPath: string): string {
  return MOUNT + hostPath;
}

// "-I/x", "-o/x", and "--opt=/x" or "-Wl,--opt=/x".
const PATH_FLAGS = [/^(-I|-isystem|-iquote|-idirafter|-include|-imacros|-o|-L|-MF)(\/.*)$/, /^(-[^=]+=)(\/.*)$/];
function mapArg(arg: string): string {
  if (arg.startsWith('/')) return toVirtual(arg);
  for (const flag of PATH_FLAGS) {
    const m = flag.exec(arg);
    if (m) return m[1] + toVirtual(m[2]!);
  }
  return arg;
}

function unmapDiagnostics(text: string): string {
  return text.replace(/(^|[\s'"(`])\/h\//gm, '$1/');
}

/** Reads files once per process; compiles of one build share most inputs. */
const fileCache = new Map<string, Uint8Array | null>();
function readCached(file: string): Uint8Array | null {
  let data = fileCache.get(file);
  if (data === undefined) {
    try {
      const st = fs.statSync(file);
      data = st.size <= MAX_FILE_BYTES ? fs.readFileSync(file) : null;
    } catch {
      data = null;
    }
    fileCache.set(file, data);
  }
  return data;
}

function subtreeFor(tree: Tree, hostPath: string): Tree {
  let node = tree;
  for (const part of toVirtual(hostPath).split('/').filter(Boolean)) {
    const next = node[part];
    if (next === undefined || typeof next === 'string' || next instanceof Uint8Array) {
      const created: Tree = {};
      node[part] = created;
      node = created;
    } else {
      node = next;
    }
  }
  return node;
}

function mountFile(tree: Tree, file: string): void {
  const data = readCached(file);
  if (data) subtreeFor(tree, path.dirname(file))[path.basename(file)] = data;
}

function mountDir(tree: Tree, dir: string, depth = 0): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory() || (e.isSymbolicLink() && isDirectory(full))) {
      if (e.name === '.git' || e.name === 'node_modules' || depth > 12) continue;
      mountDir(tree, full, depth + 1);
    } else if (SOURCE_EXTENSIONS.has(path.extname(e.name).toLowerCase())) {
      mountFile(tree, full);
    }
  }
}


function mountInputs(inputs: string[]): Tree {
  const tree: Tree = {};
  for (const input of inputs) {
    if (isDirectory(input)) mountDir(tree, input);
    else if (fs.existsSync(input)) {
      // Object files and archives are mounted whatever their extension.
      const data = readCached(input);
      if (data) subtreeFor(tree, path.dirname(input))[path.basename(input)] = data;
    }
  }
  return tree;
}

function lookup(tree: Tree, hostPath: string): Uint8Array | undefined {
  let node: Tree | string | Uint8Array | undefined = tree;
  for (const part of toVirtual(hostPath).split('/').filter(Boolean)) {
    if (node === undefined || typeof node === 'string' || node instanceof Uint8Array) return undefined;
    node = node[part];
  }
  if (typeof node === 'string') return new TextEncoder().encode(node);
  return node instanceof Uint8Array ? node : undefined;
}

export function yowaspClang(): Toolchain {
  return {
    kind: 'yowasp',
    description: `@yowasp/clang ${YOWASP_CLANG_VERSION} (Clang compiled to Wasm, from npm)`,
    clangVersion: YOWASP_CLANG_VERSION,
    targetTriple: 'wasm32-wasip1',
    sysroot: undefined,
    cxxSupported: true,
    // One in-process instance; commands run one after another.
    parallelism: 1,
    async run(inv: ClangInvocation): Promise<ToolResult> {
      const runClang = await loadRunClang();
      const tree = mountInputs(inv.inputs);
      for (const out of inv.outputs) subtreeFor(tree, path.dirname(out));
      let stderr = '';
      const decoder = new TextDecoder();
      const collect = (b: Uint8Array | null) => {
        if (b) stderr += decoder.decode(b, { stream: true });
      };
      let result: Tree;
      try {
        result = await runClang([inv.driver, ...inv.args.map(mapArg)], tree, { stdout: collect, stderr: collect });
      } catch (err) {
        // @yowasp/clang throws Exit with a non-zero code after printing diagnostics.
        const code = (err as { code?: unknown }).code;
        if (typeof code !== 'number') throw err;
        return { ok: false, stderr: unmapDiagnostics(stderr) };
      }
      for (const out of inv.outputs) {
        const data = lookup(result, out);
        if (!data) return { ok: false, stderr: unmapDiagnostics(stderr) + `\n@yowasp/clang produced no ${out}` };
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out, data);
        fileCache.delete(out);
      }
      return { ok: true, stderr: unmapDiagnostics(stderr) };
    },
  };
}

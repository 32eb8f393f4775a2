// Public surface of the napi-wasm runtime: load a Node-API addon compiled to
// wasm32-wasi and get its exports. Runs unchanged in Node, Deno, Cloudflare
// workerd and browsers; one runtime per JS realm hosts many addons, each with
// its own env.

import { initialize, prepare, type ResolvedOptions } from './instantiate.js';
import type { WasiFs } from './wasi.js';

export { NapiStatus, type NapiStatusCode } from './status.js';
import { disposeAddon as disposeAddonHere } from './node-api/index.js';
export type { WasiFs } from './wasi.js';

export interface LoadOptions {
  /** Name used in error messages, usually the npm package and target, e.g. "bufferutil/bufferutil". */
  name?: string;
  /** The addon's file name or URL (for node_api_get_module_file_name). */
  filename?: string;
  /** Receives each line the addon writes to stdout (default console.log). */
  stdout?: (text: string) => void;
  /** Receives each line the addon writes to stderr (default console.error). */
  stderr?: (text: string) => void;
  /** The addon's environment variables (getenv); empty by default. */
  env?: Record<string, string>;
  /** The addon's argv; empty by default. */
  args?: string[];
  /** What the addon reads from stdin; empty by default. */
  stdin?: Uint8Array | string;
  /**
   * Directories the addon may use: the path it sees → the host directory,
   * e.g. { '/data': './data' }. None by default, so file calls fail and
   * nothing is touched. Needs `fs`. See docs/wasi.md.
   */
  preopens?: Record<string, string>;
  /** What preopens are served from: Node's `fs` module (or the same synchronous API). */
  fs?: WasiFs;
}

/** The bytes of a wasm module (any ArrayBuffer, or a view such as a Node Buffer). */
export type WasmBytes = ArrayBufferView | ArrayBuffer;

/** What loadAddon accepts: a compiled module, the bytes, or where to fetch them. */
export type AddonSource =
  | WebAssembly.Module
  | WasmBytes
  | URL
  | string
  | Response
  | Promise<Response>;

function resolveOptions(source: unknown, options: LoadOptions = {}): ResolvedOptions {
  const where = options.filename ?? (typeof source === 'string' || source instanceof URL ? String(source) : '');
  const base = where.replace(/[?#].*$/, '').split(/[\\/]/).pop()?.replace(/\.wasm$/, '');
  return {
    name: options.name ?? (base || 'addon'),
    filename: where,
    stdout: options.stdout ?? ((text) => console.log(text)),
    stderr: options.stderr ?? ((text) => console.error(text)),
    env: options.env ?? {},
    args: options.args ?? [],
    stdin: options.stdin,
    preopens: options.preopens,
    fs: options.fs,
  };
}

function isBytes(source: unknown): source is WasmBytes {
  return ArrayBuffer.isView(source) || source instanceof ArrayBuffer;
}

function loadAddonSyncHere(source: WebAssembly.Module | WasmBytes, options?: LoadOptions): any {
  const resolved = resolveOptions(source, options);
  const module = source instanceof WebAssembly.Module ? source : new WebAssembly.Module(source as BufferSource);
  const prepared = prepare(module, resolved);
  return initialize(prepared, new WebAssembly.Instance(module, prepared.imports));
}

async function compile(source: AddonSource, name: string): Promise<WebAssembly.Module> {
  if (source instanceof WebAssembly.Module) return source;
  if (isBytes(source)) return WebAssembly.compile(source as BufferSource);
  const response = await (typeof source === 'string' || source instanceof URL ? fetch(source) : source);
  if (!response.ok) throw new Error(`${name}: fetching ${response.url} failed with HTTP ${response.status}`);
  if (typeof WebAssembly.compileStreaming === 'function') {
    try {
      return await WebAssembly.compileStreaming(response.clone());
    } catch {
      // Usually a Content-Type other than application/wasm: compile the bytes.
    }
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

async function loadAddonHere(source: AddonSource, options?: LoadOptions): Promise<any> {
  const resolved = resolveOptions(source, options);
  const module = await compile(source, resolved.name);
  const prepared = prepare(module, resolved);
  return initialize(prepared, await WebAssembly.instantiate(module, prepared.imports));
}

// One runtime per realm. Every converted package, or `napi-wasm compile`
// output folder, may carry its own copy of this file; the first copy loaded
// serves all later copies of the same ABI, so realm-wide state (the task
// queue, finalization, process-exit teardown) exists once.
const RUNTIME_ABI = 1;
interface RealmRuntime {
  loadAddonSync: typeof loadAddonSyncHere;
  loadAddon: typeof loadAddonHere;
  disposeAddon: typeof disposeAddonHere;
}
const realm = globalThis as unknown as Record<symbol, RealmRuntime | undefined>;
const shared: RealmRuntime = (realm[Symbol.for(`napi-wasm.runtime/${RUNTIME_ABI}`)] ??= {
  loadAddonSync: loadAddonSyncHere,
  loadAddon: loadAddonHere,
  disposeAddon: disposeAddonHere,
});

/**
 * Compiles (if needed) and instantiates synchronously; returns the addon's
 * exports. For Node loaders, and for workerd with a precompiled Module.
 */
export const loadAddonSync = shared.loadAddonSync;
/**
 * Fetches or compiles as needed (streaming where the engine can) and
 * instantiates asynchronously; resolves to the addon's exports.
 */
export const loadAddon = shared.loadAddon;
/** Runs the addon's cleanup hooks and makes every later call into it throw. */
export const disposeAddon = shared.disposeAddon;

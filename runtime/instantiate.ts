// From a compiled module to the addon's exports: create the env, build the
// import object by walking the module's imports, instantiate, run the
// reactor's _initialize and then napi_register_wasm_v1.

import { createNapiImports, type NapiFunction } from './api/index.js';
import { invokeModuleInit, wasmError } from './callbacks.js';
import { attachCxx, cxxImports } from './cxx-exceptions.js';
import { Env } from './env.js';
import { attachLayout } from './memory-model.js';
import { registerExports, registeredModuleInit, trackEnv, uvImports } from './node-api/index.js';
import { ERRNO_NOSYS, createWasi, type Wasi, type WasiFs, type WasiFunction } from './wasi.js';

export interface ResolvedOptions {
  name: string;
  filename: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string>>;
  args: readonly string[];
  stdin?: Uint8Array | string;
  preopens?: Readonly<Record<string, string>>;
  fs?: WasiFs;
}

export interface PreparedAddon {
  env: Env;
  wasi: Wasi;
  imports: WebAssembly.Imports;
}

type WasmFn = (...args: number[]) => number;

const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

function notImplemented(addon: string, fn: string): () => never {
  return () => {
    throw new Error(`${addon}: ${fn} is not implemented by the napi-wasm runtime yet`);
  };
}

function nosys(): number {
  return ERRNO_NOSYS;
}

/** The env and the import object for `module`. */
export function prepare(module: WebAssembly.Module, options: ResolvedOptions): PreparedAddon {
  const env = new Env({ name: options.name, filename: options.filename });
  trackEnv(env); // its place in the teardown order is its load order
  const wanted = WebAssembly.Module.imports(module);
  const napi = createNapiImports(env, wanted.filter((i) => i.module === 'napi').map((i) => i.name));
  const wasi = createWasi(env.heap, options);
  const napiWasm = wanted.some((i) => i.module === 'napi_wasm') ? { ...cxxImports(env), ...uvImports(env) } : {};
  const imports: Record<string, Record<string, NapiFunction | WasiFunction>> = Object.create(null);
  for (const { module: from, name, kind } of wanted) {
    if (kind !== 'function') {
      throw new Error(`${options.name}: the module imports ${kind} ${from}.${name}, which the napi-wasm runtime does not provide`);
    }
    const ns = (imports[from] ??= Object.create(null) as Record<string, NapiFunction | WasiFunction>);
    if (from === 'napi') ns[name] = napi[name] ?? notImplemented(options.name, name);
    else if (from === 'wasi_snapshot_preview1') ns[name] = hasOwn(wasi.imports, name) ? wasi.imports[name]! : nosys;
    else if (from === 'napi_wasm' && hasOwn(napiWasm, name)) ns[name] = napiWasm[name]!;
    else ns[name] = notImplemented(options.name, `${from}.${name}`);
  }
  return { env, wasi, imports: imports as WebAssembly.Imports };
}

function requireExport<T>(env: Env, exports: WebAssembly.Exports, name: string, check: (v: unknown) => boolean): T {
  const value = exports[name];
  if (!check(value)) throw new Error(`${env.name}: the module does not export ${name}`);
  return value as T;
}

const isFunction = (v: unknown) => typeof v === 'function';

/** Calls an export that is not a Node-API callback, naming it in a trap. */
function callExport(env: Env, name: string, fn: WasmFn): number {
  try {
    return fn();
  } catch (error) {
    throw wasmError(env, error, name);
  }
}

/** Runs the instance's initializers; returns the addon's exports. */
export function initialize({ env }: PreparedAddon, instance: WebAssembly.Instance): unknown {
  const ex = instance.exports;
  const memory = requireExport<WebAssembly.Memory>(env, ex, 'memory', (v) => v instanceof WebAssembly.Memory);
  const table = requireExport<WebAssembly.Table>(env, ex, '__indirect_function_table', (v) => v instanceof WebAssembly.Table);
  const malloc = requireExport<WasmFn>(env, ex, 'malloc', isFunction);
  const free = requireExport<WasmFn>(env, ex, 'free', isFunction);
  env.attach(memory, table, malloc, free);
  attachLayout(env, ex);
  attachCxx(env, ex);
  if (typeof ex._initialize === 'function') callExport(env, '_initialize', ex._initialize as WasmFn);
  const getVersion = ex.node_api_module_get_api_version_v1;
  if (typeof getVersion === 'function') env.moduleApiVersion = callExport(env, 'node_api_module_get_api_version_v1', getVersion as WasmFn);
  // A module without napi_register_wasm_v1 may have registered its
  // initializer with napi_module_register from a static constructor.
  const registered = registeredModuleInit(env);
  const register =
    registered !== 0 && !isFunction(ex.napi_register_wasm_v1)
      ? env.tableFunction(registered)
      : requireExport<WasmFn>(env, ex, 'napi_register_wasm_v1', isFunction);
  const exports = invokeModuleInit(env, register, {});
  registerExports(exports, env);
  return exports;
}

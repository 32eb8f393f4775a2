// Calls from JS into the addon's C code: the JS functions napi_create_function
// and napi_define_class make, and the module initializer.
//
// Per call: the receiver and arguments go into consecutive handle slots (they
// are the napi_values napi_get_cb_info hands out), a callback-info frame is
// pushed on the env's reusable stack, the C callback runs, its result is read,
// the slots are cleared, and a pending exception is thrown. Borrowed buffers
// are synced/released only if there are any. A wasm trap, or a JS error that
// unwound through wasm, restores all of that state before it propagates.

import { ENV_POINTER, type Env } from './env.js';
import { releaseBorrows, syncIn, syncOut } from './memory-model.js';
import { terminateError } from './cxx-exceptions.js';

type WasmFn = (...args: number[]) => number;

function enter(env: Env, data: number, thisArg: unknown, args: ArrayLike<unknown>, newTarget: unknown): number {
  const handles = env.handles;
  const values = handles.values;
  const base = handles.top;
  const argc = args.length;
  values[base] = thisArg;
  for (let i = 0; i < argc; i++) values[base + 1 + i] = args[i];
  handles.top = base + 1 + argc;
  const depth = env.cbDepth + 1;
  const info = env.cbInfo;
  info[3 * depth] = base;
  info[3 * depth + 1] = argc;
  info[3 * depth + 2] = data;
  env.cbNewTarget[depth] = newTarget;
  env.cbDepth = depth;
  // JS may have written to buffers an outer native call had borrowed.
  if (depth > 1 && env.borrows.length !== 0) syncIn(env);
  env.lastStatus = 0;
  return base;
}

function leave(env: Env, base: number, depth: number, scopeDepth: number): void {
  const handles = env.handles;
  handles.resetTo(base);
  handles.scopeDepth = scopeDepth; // scopes C left open die with the call
  env.cbNewTarget[depth] = undefined;
  env.cbDepth = depth - 1;
  if (env.borrows.length !== 0) {
    if (depth === 1) releaseBorrows(env, true);
    else syncOut(env);
  }
}

/** Restores the env after a call into wasm did not return normally. */
function abort(env: Env, base: number, depth: number, scopeDepth: number, error: unknown, label: string): unknown {
  const handles = env.handles;
  handles.resetTo(base);
  handles.scopeDepth = scopeDepth;
  env.cbNewTarget[depth] = undefined;
  env.cbDepth = depth - 1;
  if (depth === 1 && env.borrows.length !== 0) releaseBorrows(env, false);
  env.takePendingException();
  return wasmError(env, error, label);
}

/** A trap becomes an Error naming the addon and the function. */
export function wasmError(env: Env, error: unknown, label: string): unknown {
  const terminated = terminateError(env, error, label);
  if (terminated) return terminated;
  if (error instanceof WebAssembly.RuntimeError) {
    return new Error(`${env.name}: wasm trap in ${label}(): ${error.message}`, { cause: error });
  }
  return error;
}

export function invokeNative(
  env: Env,
  fn: WasmFn,
  data: number,
  label: string,
  thisArg: unknown,
  args: ArrayLike<unknown>,
  newTarget: unknown,
): unknown {
  if (env.dead !== undefined) throw env.dead; // napi_fatal_error or disposed
  const scopeDepth = env.handles.scopeDepth;
  const base = enter(env, data, thisArg, args, newTarget);
  const depth = env.cbDepth;
  let r: number;
  try {
    r = fn(ENV_POINTER, depth);
  } catch (error) {
    throw abort(env, base, depth, scopeDepth, error, label);
  }
  const result = env.handles.values[r];
  leave(env, base, depth, scopeDepth);
  if (env.hasPendingException) throw env.takePendingException();
  return result;
}

/** Runs napi_register_wasm_v1(env, exports); returns the module's exports. */
export function invokeModuleInit(env: Env, register: WasmFn, exports: object): unknown {
  const scopeDepth = env.handles.scopeDepth;
  const base = enter(env, 0, undefined, [], undefined);
  const depth = env.cbDepth;
  const exportsHandle = env.handles.push(exports);
  let r: number;
  try {
    r = register(ENV_POINTER, exportsHandle);
  } catch (error) {
    throw abort(env, base, depth, scopeDepth, error, 'napi_register_wasm_v1');
  }
  const result = r === 0 ? exports : env.handles.values[r];
  leave(env, base, depth, scopeDepth);
  if (env.hasPendingException) throw env.takePendingException();
  return result;
}

/**
 * The receiver a sloppy-mode function sees, as V8 gives Node-API callbacks:
 * undefined and null become globalThis, primitives are boxed. (The runtime's
 * own functions are strict, so this is done by hand.)
 */
function sloppyThis(value: unknown): unknown {
  if (typeof value === 'object' ? value !== null : typeof value === 'function') return value;
  return value === undefined || value === null ? globalThis : Object(value);
}

/** Sets a function's `name` (no `new Function`: CSP and workerd forbid it). */
function named<F extends Function>(fn: F, name: string): F {
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}

/** The JS function for a napi_callback (napi_create_function and
 *  napi_define_properties): constructible, `length` 0. */
export function nativeFunction(env: Env, name: string, label: string, cb: number, data: number): Function {
  const fn = env.tableFunction(cb);
  return named(function (this: unknown) {
    return invokeNative(env, fn, data, label, sloppyThis(this), arguments, new.target);
  }, name);
}

/**
 * A napi_define_class constructor. It may be called without `new`; objects it
 * constructs (also for JS subclasses) join `instances`, which the class's
 * instance methods check their receiver against.
 */
export function nativeConstructor(
  env: Env,
  name: string,
  cb: number,
  data: number,
  instances: WeakSet<object>,
): Function {
  const fn = env.tableFunction(cb);
  return named(function (this: unknown) {
    if (new.target !== undefined) instances.add(this as object);
    return invokeNative(env, fn, data, name, sloppyThis(this), arguments, new.target);
  }, name);
}

/** An instance method of a napi_define_class class: TypeError "Illegal
 *  invocation" on a receiver the class did not construct (V8's signature). */
export function nativeMethod(
  env: Env,
  name: string,
  label: string,
  cb: number,
  data: number,
  instances: WeakSet<object>,
): Function {
  const fn = env.tableFunction(cb);
  return named(function (this: unknown) {
    if (!instances.has(this as object)) throw new TypeError('Illegal invocation');
    return invokeNative(env, fn, data, label, this, arguments, new.target);
  }, name);
}

// Calls into the addon's C code: the JS functions napi_create_function and
// napi_define_class make, the module initializer, and calls from the event
// loop (finalizers; callIntoModule).
//
// Per call: the receiver and arguments go into consecutive handle slots (they
// are the napi_values napi_get_cb_info hands out), a callback-info frame is
// pushed on the env's reusable stack, the C callback runs, its result is read,
// the slots are cleared, and a pending exception is thrown. Borrowed and
// pinned buffers are synced only if there are any. A wasm trap, or a JS error that
// unwound through wasm, restores all of that state before it propagates.

import { ENV_POINTER, type Env } from './env.js';
import { enterNative, leaveNative } from './memory-model.js';
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
  enterNative(env); // JS may have written to borrowed or pinned buffers
  env.lastStatus = 0;
  return base;
}

function leave(env: Env, base: number, depth: number, scopeDepth: number): void {
  const handles = env.handles;
  handles.resetTo(base);
  handles.scopeDepth = scopeDepth; // scopes C left open die with the call
  env.cbNewTarget[depth] = undefined;
  env.cbDepth = depth - 1;
  leaveNative(env, depth, true);
}

/** Restores the env after a call into wasm did not return normally. */
function abort(env: Env, base: number, depth: number, scopeDepth: number, error: unknown, label: string): unknown {
  const handles = env.handles;
  handles.resetTo(base);
  handles.scopeDepth = scopeDepth;
  env.cbNewTarget[depth] = undefined;
  env.cbDepth = depth - 1;
  leaveNative(env, depth, false);
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

/** callIntoModule's result when C left no exception pending. */
export const NO_EXCEPTION: unique symbol = Symbol('no exception');

const NO_ARGS: unknown[] = [];

/**
 * Calls the C function at table index `fn` with up to four arguments (pass
 * ENV_POINTER where it takes a napi_env) as a native call of its own: a
 * handle scope, buffers synced. For calls no JS caller waits on (finalizers,
 * async callbacks): returns the exception C left pending, or NO_EXCEPTION; a
 * trap is thrown as an Error naming `label`.
 */
export function callIntoModule(env: Env, label: string, fn: number, a = 0, b = 0, c = 0, d = 0): unknown {
  const wasm = env.tableFunction(fn);
  const scopeDepth = env.handles.scopeDepth;
  const base = enter(env, 0, undefined, NO_ARGS, undefined);
  const depth = env.cbDepth;
  try {
    wasm(a, b, c, d);
  } catch (error) {
    throw abort(env, base, depth, scopeDepth, error, label);
  }
  leave(env, base, depth, scopeDepth);
  return env.hasPendingException ? env.takePendingException() : NO_EXCEPTION;
}

/** Runs napi_register_wasm_v1(env, exports); returns the module's exports. */
export function invokeModuleInit(env: Env, register: WasmFn, exports: object): unknown {
  const scopeDepth = env.handles.scopeDepth;
  const base = enter(env, 0, undefined, NO_ARGS, undefined);
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

const NULL_FIXED = { value: null };

/**
 * Sets a function's `name` (no `new Function`: CSP and workerd forbid it),
 * and gives it the `arguments` and `caller` (null, fixed) a sloppy-mode
 * function has in V8, as Node's do; the runtime's own code is strict.
 */
function named<F extends Function>(fn: F, name: string): F {
  Object.defineProperty(fn, 'name', { value: name });
  Object.defineProperty(fn, 'arguments', NULL_FIXED);
  Object.defineProperty(fn, 'caller', NULL_FIXED);
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

// Calls into the addon from the event loop rather than from a JS call: async
// work execute/complete, threadsafe-function call_js and finalizers, libuv
// callbacks, cleanup hooks. As for a JS call (callbacks.ts invokeNative) the C
// function gets its own handle scope and native-call depth, and buffers it
// borrows are released when the outermost call ends. Unlike a JS call there
// is nobody to throw to: an exception C leaves pending is returned, and a trap
// is thrown as an Error naming the addon and the callback.

import { wasmError } from '../callbacks.js';
import type { Env } from '../env.js';
import { releaseBorrows, syncIn, syncOut } from '../memory-model.js';

/** callIntoModule's result when C left no exception pending. */
export const NO_EXCEPTION: unique symbol = Symbol('no exception');

type WasmFn = (...args: number[]) => unknown;

/**
 * Calls the C function at table index `fn` with up to four arguments (pass
 * ENV_POINTER where the callback takes a napi_env). Returns the exception C
 * left pending, or NO_EXCEPTION.
 */
export function callIntoModule(env: Env, label: string, fn: number, a = 0, b = 0, c = 0, d = 0): unknown {
  const handles = env.handles;
  const base = handles.top;
  const scopeDepth = handles.scopeDepth;
  const depth = ++env.cbDepth;
  if (depth > 1 && env.borrows.length !== 0) syncIn(env);
  try {
    (env.tableFunction(fn) as WasmFn)(a, b, c, d);
  } catch (error) {
    restore(env, base, scopeDepth, depth, false);
    env.takePendingException();
    throw wasmError(env, error, label);
  }
  restore(env, base, scopeDepth, depth, true);
  return env.hasPendingException ? env.takePendingException() : NO_EXCEPTION;
}

function restore(env: Env, base: number, scopeDepth: number, depth: number, completed: boolean): void {
  env.handles.resetTo(base);
  env.handles.scopeDepth = scopeDepth;
  env.cbDepth = depth - 1;
  if (env.borrows.length === 0) return;
  if (depth === 1) releaseBorrows(env, completed);
  else if (completed) syncOut(env);
}

// Promises: napi_create_promise hands C a napi_deferred (a strong reference
// to the promise's resolving functions) that napi_resolve_deferred or
// napi_reject_deferred uses once and deletes.

import type { Env } from '../env.js';
import { isPromise } from '../js-types.js';
import { GONE } from '../references.js';
import { NO_ENV, S, THREW, invalidArg, outBool, outHandle, outValue, runJs } from './common.js';

class Deferred {
  constructor(
    readonly resolve: (value: unknown) => void,
    readonly reject: (reason: unknown) => void,
  ) {}
}

// The executor hands its functions over through these (no closure per promise).
let lastResolve: (value: unknown) => void = () => {};
let lastReject: (reason: unknown) => void = () => {};
function executor(resolve: (value: unknown) => void, reject: (reason: unknown) => void): void {
  lastResolve = resolve;
  lastReject = reject;
}

function settle(fn: (value: unknown) => void, value: unknown): void {
  fn(value);
}

export function promiseApi(env: Env) {
  const values = env.handles.values;
  const refs = env.refs;

  function conclude(e: number, deferred: number, value: number, resolve: boolean): number {
    if (e === 0) return NO_ENV;
    const p = env.preamble();
    if (p !== S.ok) return p;
    if (value === 0) return invalidArg(env);
    const d = refs.value(deferred);
    if (deferred === 0 || d === GONE || !(d instanceof Deferred)) return invalidArg(env);
    refs.delete(deferred);
    // Resolving with a thenable reads its `then`, which may run JS.
    if (runJs(env, settle, resolve ? d.resolve : d.reject, values[value], undefined) === THREW) {
      return env.setStatus(S.pending_exception);
    }
    return env.ok();
  }

  return {
    napi_create_promise(e: number, deferred: number, promise: number): number {
      if (e === 0) return NO_ENV;
      const p = env.preamble();
      if (p !== S.ok) return p;
      if (deferred === 0 || promise === 0) return invalidArg(env);
      const made = new Promise(executor);
      outHandle(env, deferred, refs.create(new Deferred(lastResolve, lastReject), 1));
      outValue(env, promise, made);
      return env.ok();
    },

    napi_resolve_deferred: (e: number, d: number, v: number) => conclude(e, d, v, true),
    napi_reject_deferred: (e: number, d: number, v: number) => conclude(e, d, v, false),

    napi_is_promise(e: number, value: number, result: number): number {
      if (e === 0) return NO_ENV;
      if (value === 0 || result === 0) return invalidArg(env);
      outBool(env, result, isPromise(values[value]));
      return env.ok();
    },
  };
}

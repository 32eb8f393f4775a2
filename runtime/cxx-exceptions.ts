// The host side of napi-shims/cxx-exceptions (see docs/cxx-exceptions.md):
//   - `napi_wasm.terminate(message)` records why std::terminate was reached
//     and returns; the module then traps, and that trap becomes an Error
//     saying std::terminate was reached. The host is never ended, but the
//     addon instance is: natively terminate ends the process, so the C++
//     state after it is not one to run more code in. Every later call into
//     the instance throws the same Error, as after napi_fatal_error.
//   - `napi_wasm.abort(message)` does the same for a failed assert()
//     (napi-shims/libc/assert.c), where a native process would abort.
//   - a C++ exception no handler caught leaves the module as a
//     WebAssembly.Exception tagged `__cpp_exception`; the module's
//     `__napi_wasm_cxx_uncaught` prints the native message and terminates.
import type { Env } from './env.js';
import { readUtf8Z } from './memory.js';

// The Wasm exception-handling JS API (in every engine that runs these
// modules), not yet in TypeScript's lib.
interface WasmTag {
  readonly __tag: unique symbol;
}
interface WasmException {
  is(tag: WasmTag): boolean;
  getArg(tag: WasmTag, index: number): unknown;
}
const WasmEH = WebAssembly as unknown as { Tag?: abstract new (...args: never[]) => WasmTag; Exception?: abstract new (...args: never[]) => WasmException };

interface CxxState {
  tag: WasmTag | undefined;
  uncaught: ((exception: number) => void) | undefined;
  terminateMessage: string | undefined;
  /** What stopped the addon: std::terminate, or a failed assert(). */
  reason: string;
}

const states = new WeakMap<Env, CxxState>();

function stateOf(env: Env): CxxState {
  let s = states.get(env);
  if (!s) states.set(env, (s = { tag: undefined, uncaught: undefined, terminateMessage: undefined, reason: '' }));
  return s;
}

/** The `napi_wasm` import module. */
export function cxxImports(env: Env): Record<string, (...args: number[]) => void> {
  return {
    terminate(messagePtr: number) {
      const s = stateOf(env);
      s.terminateMessage = messagePtr ? readUtf8Z(env.heap, messagePtr) : 'std::terminate called';
      s.reason = 'std::terminate was reached';
    },
    abort(messagePtr: number) {
      const s = stateOf(env);
      s.terminateMessage = readUtf8Z(env.heap, messagePtr);
      s.reason = 'an assertion failed';
    },
  };
}

/** After instantiation: remember the module's C++ tag and uncaught hook, if it has them. */
export function attachCxx(env: Env, exports: WebAssembly.Exports): void {
  const tag = exports.__cpp_exception;
  const uncaught = exports.__napi_wasm_cxx_uncaught;
  if (WasmEH.Tag && tag instanceof WasmEH.Tag && typeof uncaught === 'function') {
    const s = stateOf(env);
    s.tag = tag;
    s.uncaught = uncaught as (exception: number) => void;
  }
}

/** An Error for a call that ended in std::terminate or a failed assert(), or undefined if it did not. */
export function terminateError(env: Env, error: unknown, label: string): Error | undefined {
  const s = states.get(env);
  if (!s) return undefined;
  if (s.tag && s.uncaught && WasmEH.Exception && error instanceof WasmEH.Exception && error.is(s.tag)) {
    try {
      s.uncaught(error.getArg(s.tag, 0) as number);
    } catch {
      // It traps after reporting, by design.
    }
  }
  const message = s.terminateMessage;
  if (message === undefined) return undefined;
  s.terminateMessage = undefined;
  const terminated = new Error(`${env.name}: ${s.reason} in ${label}(): ${message}`, { cause: error });
  env.dead ??= terminated;
  return terminated;
}

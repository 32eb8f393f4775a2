// napi_run_script: runs a string as a classic script in the global scope.
// Node compiles a v8::Script, so a top-level `var` makes a non-configurable
// global and a top-level `let` stays visible to later scripts. Where the host
// offers that (Node's vm.runInThisContext, through process.getBuiltinModule)
// it is used; elsewhere an indirect eval, which gets those two details wrong,
// and where code generation is forbidden (Cloudflare Workers, a strict CSP)
// the call fails with an Error saying so.

import type { Env } from '../env.js';
import { NO_ENV, S, THREW, invalidArg, outValue, runJs } from './common.js';

type Runner = (source: string) => unknown;

/** Node's vm.runInThisContext, where the host has it (looked up per call:
 *  napi_run_script is rare, and tests can take it away). */
function runInThisContext(): Runner | undefined {
  const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (typeof p?.getBuiltinModule !== 'function') return undefined;
  const vm = p.getBuiltinModule('vm') as { runInThisContext?: Runner } | undefined;
  return typeof vm?.runInThisContext === 'function' ? vm.runInThisContext : undefined;
}

function run(source: string): unknown {
  const script = runInThisContext();
  if (script !== undefined) return script(source);
  const indirectEval = globalThis.eval;
  try {
    return indirectEval(source);
  } catch (error) {
    if (error instanceof EvalError) {
      throw new EvalError(`napi_run_script: this JS engine does not allow compiling code at run time (${error.message})`, {
        cause: error,
      });
    }
    throw error;
  }
}

export function scriptApi(env: Env) {
  const values = env.handles.values;
  return {
    napi_run_script(e: number, script: number, result: number): number {
      if (e === 0) return NO_ENV;
      const p = env.preamble();
      if (p !== S.ok) return p;
      if (script === 0 || result === 0) return invalidArg(env);
      const source = values[script];
      if (typeof source !== 'string') return env.setStatus(S.string_expected);
      const r = runJs(env, run, source, undefined, undefined);
      if (r === THREW) return env.setStatus(S.generic_failure);
      outValue(env, result, r);
      return env.ok();
    },
  };
}

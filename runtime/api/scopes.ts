// Handle scopes (see handles.ts for the representation).

import type { Env } from '../env.js';
import { NO_ENV, S, invalidArg, outHandle } from './common.js';

export function scopeApi(env: Env) {
  const handles = env.handles;

  function open(e: number, result: number, escapable: boolean): number {
    if (e === 0) return NO_ENV;
    if (result === 0) return invalidArg(env);
    outHandle(env, result, handles.openScope(escapable));
    return env.ok();
  }

  /** A scope that is not the innermost open one (closed twice, or out of
   *  order) gives napi_handle_scope_mismatch without recording it, as Node. */
  function close(e: number, scope: number): number {
    if (e === 0) return NO_ENV;
    if (scope === 0) return invalidArg(env);
    if (!handles.closeScope(scope)) return S.handle_scope_mismatch;
    return env.ok();
  }

  return {
    napi_open_handle_scope: (e: number, result: number) => open(e, result, false),
    napi_close_handle_scope: close,
    napi_open_escapable_handle_scope: (e: number, result: number) => open(e, result, true),
    napi_close_escapable_handle_scope: close,

    napi_escape_handle(e: number, scope: number, escapee: number, result: number): number {
      if (e === 0) return NO_ENV;
      if (scope === 0 || escapee === 0 || result === 0) return invalidArg(env);
      if (!handles.isOpenScope(scope) || !handles.isEscapable(scope)) return invalidArg(env);
      const slot = handles.escape(scope, handles.values[escapee]);
      if (slot === 0) return env.setStatus(S.escape_called_twice);
      outHandle(env, result, slot);
      return env.ok();
    },
  };
}

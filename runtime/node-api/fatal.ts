// napi_fatal_error and napi_fatal_exception.
//
// Node aborts the process on napi_fatal_error. Here the host lives on: the
// call throws an Error (code ERR_NAPI_FATAL, with the location and message)
// out through the addon to whoever called into it, and the instance is dead
// from then on: every later call into it throws the same Error.

import { NO_ENV, S, invalidArg } from '../api/common.js';
import { UTF8, readCText } from '../api/strings.js';
import type { Env } from '../env.js';
import { markDead } from './lifecycle.js';
import { reportUncaught } from './uncaught.js';

export interface FatalError extends Error {
  code: 'ERR_NAPI_FATAL';
  location: string;
  reason: string;
}

export function fatalApi(env: Env) {
  return {
    napi_fatal_error(location: number, locationLength: number, message: number, messageLength: number): never {
      const where = (location !== 0 && readCText(env, UTF8, location, locationLength)) || '';
      const what = (message !== 0 && readCText(env, UTF8, message, messageLength)) || '';
      const error = new Error(`${env.name}: FATAL ERROR: ${where}${where && what ? ' ' : ''}${what}`) as FatalError;
      error.code = 'ERR_NAPI_FATAL';
      error.location = where;
      error.reason = what;
      markDead(env, error);
      throw env.dead;
    },

    /** Reaches 'uncaughtException' (Node) or the global error event before it returns. */
    napi_fatal_exception(e: number, err: number): number {
      if (e === 0) return NO_ENV;
      const p = env.preamble();
      if (p !== S.ok) return p;
      if (err === 0) return invalidArg(env);
      reportUncaught(env.handles.values[err]);
      return env.ok();
    },
  };
}

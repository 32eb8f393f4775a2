// Error objects, throwing, the pending exception and napi_get_last_error_info
// (napi_fatal_error is node_api.h's: node-api/fatal.ts).

import type { Env } from '../env.js';
import { isNativeError } from '../js-types.js';
import { utf8Length, writeCString } from '../memory.js';
import { STATUS_MESSAGES } from '../status.js';
import { NO_ENV, S, invalidArg, outBool, outHandle, outI32, outValue } from './common.js';
import { readCString } from './strings.js';

type ErrorConstructor = new (message: string) => Error;

/** An error of kind `ctor` with `code` set as Node's set_error_code does. */
export function newError(ctor: ErrorConstructor, message: string, code?: string): Error {
  const error = new ctor(message) as Error & { code?: unknown };
  if (code !== undefined) error.code = code;
  return error;
}

// napi_extended_error_info on wasm32: error_message, engine_reserved,
// engine_error_code, error_code; 4 bytes each.
const ERROR_INFO_SIZE = 16;

/** Allocates the error-info struct and all status messages once per env. */
function errorInfo(env: Env): number {
  if (env.errorInfoPtr !== 0) return env.errorInfoPtr;
  let size = ERROR_INFO_SIZE;
  for (const m of STATUS_MESSAGES) if (m !== null) size += utf8Length(m) + 1;
  const ptr = env.malloc(size);
  if (ptr === 0) return 0;
  let at = ptr + ERROR_INFO_SIZE;
  env.errorMessagePtrs = STATUS_MESSAGES.map((m) => {
    if (m === null) return 0;
    const p = at;
    at += writeCString(env.heap, m, p);
    return p;
  });
  env.errorInfoPtr = ptr;
  return ptr;
}

export function errorApi(env: Env) {
  const values = env.handles.values;

  function create(ctor: ErrorConstructor, e: number, code: number, msg: number, result: number): number {
    if (e === 0) return NO_ENV;
    if (msg === 0 || result === 0) return invalidArg(env);
    const message = values[msg];
    if (typeof message !== 'string') return env.setStatus(S.string_expected);
    const c = code === 0 ? undefined : values[code];
    if (code !== 0 && typeof c !== 'string') return env.setStatus(S.string_expected);
    outValue(env, result, newError(ctor, message, c as string | undefined));
    return env.ok();
  }

  function throwNew(ctor: ErrorConstructor, e: number, code: number, msg: number): number {
    if (e === 0) return NO_ENV;
    const p = env.preamble();
    if (p !== S.ok) return p;
    const message = readCString(env, msg);
    if (message === undefined) return invalidArg(env);
    env.setPendingException(newError(ctor, message, readCString(env, code)));
    return env.ok();
  }

  return {
    napi_create_error: (e: number, c: number, m: number, r: number) => create(Error, e, c, m, r),
    napi_create_type_error: (e: number, c: number, m: number, r: number) => create(TypeError, e, c, m, r),
    napi_create_range_error: (e: number, c: number, m: number, r: number) => create(RangeError, e, c, m, r),
    node_api_create_syntax_error: (e: number, c: number, m: number, r: number) => create(SyntaxError, e, c, m, r),

    napi_throw_error: (e: number, c: number, m: number) => throwNew(Error, e, c, m),
    napi_throw_type_error: (e: number, c: number, m: number) => throwNew(TypeError, e, c, m),
    napi_throw_range_error: (e: number, c: number, m: number) => throwNew(RangeError, e, c, m),
    node_api_throw_syntax_error: (e: number, c: number, m: number) => throwNew(SyntaxError, e, c, m),

    napi_throw(e: number, error: number): number {
      if (e === 0) return NO_ENV;
      const p = env.preamble();
      if (p !== S.ok) return p;
      if (error === 0) return invalidArg(env);
      env.setPendingException(values[error]);
      return env.ok();
    },

    napi_is_error(e: number, value: number, result: number): number {
      if (e === 0) return NO_ENV;
      if (value === 0 || result === 0) return invalidArg(env);
      outBool(env, result, isNativeError(values[value]));
      return env.ok();
    },

    napi_is_exception_pending(e: number, result: number): number {
      if (e === 0) return NO_ENV;
      if (result === 0) return invalidArg(env);
      outBool(env, result, env.hasPendingException);
      return env.ok();
    },

    napi_get_and_clear_last_exception(e: number, result: number): number {
      if (e === 0) return NO_ENV;
      if (result === 0) return invalidArg(env);
      outValue(env, result, env.hasPendingException ? env.takePendingException() : undefined);
      return env.ok();
    },

    /** Returns napi_ok without recording it: the info keeps describing the
     *  call before this one. */
    napi_get_last_error_info(e: number, result: number): number {
      if (e === 0) return NO_ENV;
      if (result === 0) return invalidArg(env);
      const info = errorInfo(env);
      if (info === 0) return env.setStatus(S.generic_failure);
      const status = env.lastStatus;
      outI32(env, info, env.errorMessagePtrs[status] ?? 0);
      outI32(env, info + 4, 0);
      outI32(env, info + 8, 0);
      outI32(env, info + 12, status);
      outHandle(env, result, info);
      return S.ok;
    },
  };
}

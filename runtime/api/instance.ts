// Per-env facts and data: napi_set_instance_data / napi_get_instance_data,
// napi_get_version and napi_adjust_external_memory.

import type { Env } from '../env.js';
import { runFinalizer } from '../finalizers.js';
import { storeI64 } from '../memory.js';
import { NO_ENV, invalidArg, outI32 } from './common.js';

/** The highest Node-API version the runtime implements. */
export const NAPI_VERSION = 10;

/** External memory the addons reported (the isolate-wide total in Node). */
let externalMemory = 0n;

/**
 * Runs the instance-data finalizer, once (at env teardown: after the cleanup
 * hooks, as in Node).
 */
export function finalizeInstanceData(env: Env): void {
  const d = env.instanceData;
  env.instanceData = undefined;
  if (d !== undefined && d.finalize !== 0) runFinalizer(env, d.finalize, d.data, d.hint);
}

export function instanceApi(env: Env) {
  return {
    /** Replacing the data does not finalize the old data, as in Node. */
    napi_set_instance_data(e: number, data: number, finalize: number, hint: number): number {
      if (e === 0) return NO_ENV;
      env.instanceData = { data, finalize, hint };
      return env.ok();
    },

    napi_get_instance_data(e: number, data: number): number {
      if (e === 0) return NO_ENV;
      if (data === 0) return invalidArg(env);
      outI32(env, data, env.instanceData?.data ?? 0);
      return env.ok();
    },

    napi_get_version(e: number, result: number): number {
      if (e === 0) return NO_ENV;
      if (result === 0) return invalidArg(env);
      outI32(env, result, NAPI_VERSION);
      return env.ok();
    },

    napi_adjust_external_memory(e: number, change: bigint, adjusted: number): number {
      if (e === 0) return NO_ENV;
      if (adjusted === 0) return invalidArg(env);
      externalMemory += change;
      if (externalMemory < 0n) externalMemory = 0n;
      storeI64(env.heap, adjusted, externalMemory);
      return env.ok();
    },
  };
}

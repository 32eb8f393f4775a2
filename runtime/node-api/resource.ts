// The async resource and resource name that napi_create_async_work,
// napi_async_init and napi_create_threadsafe_function take. The runtime has
// no async_hooks to give them to, so they are only checked and converted
// (which may run JS) as Node does: the resource with ToObject when given, the
// name with ToString.

import { S, THREW, invalidArg, runJs, toObject } from '../api/common.js';
import type { Env } from '../env.js';

function toString(value: unknown): string {
  return `${value as string}`; // throws for a Symbol, as ToString does
}

/** napi_ok, or the failure status (recorded, maybe with an exception pending). */
export function checkAsyncResource(env: Env, resource: number, name: number): number {
  const values = env.handles.values;
  if (resource !== 0 && toObject(env, values[resource]) === undefined) return env.setStatus(S.object_expected);
  if (name === 0) return invalidArg(env);
  if (runJs(env, toString, values[name], undefined, undefined) === THREW) return env.setStatus(S.string_expected);
  return S.ok;
}

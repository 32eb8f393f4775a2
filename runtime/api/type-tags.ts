// Type tags: napi_type_tag_object and napi_check_object_type_tag. A tag is
// 128 bits (napi_type_tag: lower, upper), kept in a realm-wide slot so
// that, as in Node, one addon can check a tag another set (tree-sitter's
// grammars and runtime do). A primitive is converted to a new object first,
// so tagging one "succeeds" but never matches; null or undefined leaves a
// TypeError pending (napi_pending_exception, as Node's WITH_PREAMBLE checks).

import type { Env } from '../env.js';
import { createSlot } from '../slots.js';
import { NO_ENV, S, invalidArg, outBool, toObject } from './common.js';

const tags = createSlot<bigint>();

function readTag(env: Env, ptr: number): bigint {
  const dv = env.heap.fresh().dv;
  return dv.getBigUint64(ptr, true) | (dv.getBigUint64(ptr + 8, true) << 64n);
}

export function typeTagApi(env: Env) {
  const values = env.handles.values;

  /** The object to tag or check, or a status number. */
  function target(e: number, value: number, tag: number, result: number): object | number {
    if (e === 0) return NO_ENV;
    const p = env.preamble();
    if (p !== S.ok) return p;
    if (value === 0) return invalidArg(env);
    const obj = toObject(env, values[value]);
    if (obj === undefined) return env.setStatus(S.pending_exception);
    if (tag === 0 || result === 0) return invalidArg(env);
    return obj;
  }

  return {
    napi_type_tag_object(e: number, value: number, tag: number): number {
      const obj = target(e, value, tag, 1);
      if (typeof obj === 'number') return obj;
      if (tags.get(obj) !== undefined) return invalidArg(env);
      tags.set(obj, readTag(env, tag));
      return env.ok();
    },

    napi_check_object_type_tag(e: number, value: number, tag: number, result: number): number {
      const obj = target(e, value, tag, result);
      if (typeof obj === 'number') return obj;
      outBool(env, result, tags.get(obj) === readTag(env, tag));
      return env.ok();
    },
  };
}

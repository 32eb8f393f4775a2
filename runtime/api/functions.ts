// Functions and classes: napi_create_function, napi_define_class, callback
// info, and calling JS functions and constructors from C.

import { nativeConstructor, nativeFunction } from '../callbacks.js';
import type { Env } from '../env.js';
import { HANDLE_UNDEFINED } from '../handles.js';
import { NO_ENV, S, THREW, invalidArg, outHandle, outValue, runJs } from './common.js';
import { Target, defineDescriptors } from './properties.js';
import { UTF8, readCText } from './strings.js';

export function functionApi(env: Env) {
  const values = env.handles.values;

  /** The napi_values argv[0..argc) as JS values. */
  function readArgs(argc: number, argv: number): unknown[] {
    const args = new Array<unknown>(argc);
    const i32 = env.heap.fresh().i32;
    for (let i = 0; i < argc; i++) args[i] = values[i32[(argv >> 2) + i]!];
    return args;
  }

  return {
    napi_create_function(e: number, utf8name: number, length: number, cb: number, data: number, result: number): number {
      if (e === 0) return NO_ENV;
      const p = env.preamble();
      if (p !== S.ok) return p;
      if (result === 0 || cb === 0) return invalidArg(env);
      const name = utf8name === 0 ? '' : readCText(env, UTF8, utf8name, length);
      if (name === undefined) return invalidArg(env);
      outValue(env, result, nativeFunction(env, name, name || '<anonymous>', cb, data));
      return env.ok();
    },

    napi_define_class(
      e: number,
      utf8name: number,
      length: number,
      constructor: number,
      data: number,
      count: number,
      properties: number,
      result: number,
    ): number {
      if (e === 0) return NO_ENV;
      const p = env.preamble();
      if (p !== S.ok) return p;
      if (result === 0 || constructor === 0) return invalidArg(env);
      if (count !== 0 && properties === 0) return invalidArg(env);
      const name = readCText(env, UTF8, utf8name, length);
      if (name === undefined || utf8name === 0) return invalidArg(env);
      const instances = new WeakSet<object>();
      const ctor = nativeConstructor(env, name, constructor, data, instances);
      let s = defineDescriptors(env, ctor.prototype as object, count >>> 0, properties, Target.Prototype, instances);
      if (s !== S.ok) return s;
      outValue(env, result, ctor);
      s = defineDescriptors(env, ctor, count >>> 0, properties, Target.Static);
      return s === S.ok ? env.ok() : s;
    },

    napi_get_cb_info(e: number, cbinfo: number, argcPtr: number, argv: number, thisArg: number, data: number): number {
      if (e === 0) return NO_ENV;
      if (cbinfo === 0) return invalidArg(env);
      const info = env.cbInfo;
      const base = info[3 * cbinfo]!;
      const argc = info[3 * cbinfo + 1]!;
      const i32 = env.heap.fresh().i32; // hot: one view, direct stores
      if (argv !== 0) {
        if (argcPtr === 0) return invalidArg(env);
        const capacity = i32[argcPtr >> 2]! >>> 0;
        const at = argv >> 2;
        for (let i = 0; i < capacity; i++) i32[at + i] = i < argc ? base + 1 + i : HANDLE_UNDEFINED;
      }
      if (argcPtr !== 0) i32[argcPtr >> 2] = argc;
      if (thisArg !== 0) i32[thisArg >> 2] = base;
      if (data !== 0) i32[data >> 2] = info[3 * cbinfo + 2]!;
      return env.ok();
    },

    napi_get_new_target(e: number, cbinfo: number, result: number): number {
      if (e === 0) return NO_ENV;
      if (cbinfo === 0 || result === 0) return invalidArg(env);
      const target = env.cbNewTarget[cbinfo];
      if (target === undefined) outHandle(env, result, 0);
      else outValue(env, result, target);
      return env.ok();
    },

    napi_call_function(e: number, recv: number, func: number, argc: number, argv: number, result: number): number {
      if (e === 0) return NO_ENV;
      const p = env.preamble();
      if (p !== S.ok) return p;
      if (recv === 0) return invalidArg(env);
      if (argc !== 0 && argv === 0) return invalidArg(env);
      const fn = values[func];
      if (func === 0 || typeof fn !== 'function') return invalidArg(env);
      const r = runJs(env, Reflect.apply, fn, values[recv], readArgs(argc >>> 0, argv));
      if (r === THREW) return env.setStatus(S.pending_exception);
      if (result !== 0) outValue(env, result, r);
      return env.ok();
    },

    napi_new_instance(e: number, constructor: number, argc: number, argv: number, result: number): number {
      if (e === 0) return NO_ENV;
      const p = env.preamble();
      if (p !== S.ok) return p;
      if (constructor === 0) return invalidArg(env);
      if (argc !== 0 && argv === 0) return invalidArg(env);
      if (result === 0) return invalidArg(env);
      const ctor = values[constructor];
      if (typeof ctor !== 'function') return invalidArg(env);
      const r = runJs(env, Reflect.construct, ctor, readArgs(argc >>> 0, argv), ctor);
      if (r === THREW) return env.setStatus(S.pending_exception);
      outValue(env, result, r);
      return env.ok();
    },
  };
}

// Strings: create from and copy out to Latin-1, UTF-8 and UTF-16 buffers,
// with Node's length rules (see js_native_api_v8.cc NewString and
// napi_get_value_string_*), property keys and external strings.

import type { Env } from '../env.js';
import { runFinalizer } from '../finalizers.js';
import {
  AUTO_LENGTH,
  readLatin1,
  readUtf16,
  readUtf8,
  readUtf8Z,
  strlen,
  strlen16,
  utf8Length,
  writeLatin1,
  writeUtf16,
  writeUtf8,
  type Heap,
} from '../memory.js';
import { NO_ENV, S, invalidArg, outBool, outI32, outValue } from './common.js';

/** How one encoding reads C text, measures and writes a JS string. */
export interface Encoding {
  /** Bytes per code unit. */
  unit: number;
  read(heap: Heap, ptr: number, units: number): string;
  /** Reads up to the terminating 0. */
  readZ(heap: Heap, ptr: number): string;
  /** Units `s` needs, without the terminator. */
  measure(s: string): number;
  /** Writes at most `capacity` units; returns the units written. */
  write(heap: Heap, s: string, ptr: number, capacity: number): number;
}

const LATIN1: Encoding = {
  unit: 1,
  read: readLatin1,
  readZ: (heap, ptr) => readLatin1(heap, ptr, strlen(heap, ptr)),
  measure: (s) => s.length,
  write(heap, s, ptr, capacity) {
    const n = Math.min(capacity, s.length);
    writeLatin1(heap, s, ptr, n);
    return n;
  },
};

export const UTF8: Encoding = {
  unit: 1,
  read: readUtf8,
  readZ: readUtf8Z,
  measure: utf8Length,
  write: writeUtf8,
};

const UTF16: Encoding = {
  unit: 2,
  read: readUtf16,
  readZ: (heap, ptr) => readUtf16(heap, ptr, strlen16(heap, ptr)),
  measure: (s) => s.length,
  write(heap, s, ptr, capacity) {
    const n = Math.min(capacity, s.length);
    writeUtf16(heap, s, ptr, n);
    return n;
  },
};

const INT_MAX = 0x7fffffff;

/**
 * The C string (str, length) as a JS string, or undefined if the arguments
 * are invalid: str NULL with a non-zero length, or a length above INT_MAX
 * other than NAPI_AUTO_LENGTH.
 */
export function readCText(env: Env, enc: Encoding, str: number, length: number): string | undefined {
  if (length === AUTO_LENGTH) return str === 0 ? undefined : enc.readZ(env.heap, str);
  if ((length >>> 0) > INT_MAX) return undefined;
  if (length === 0) return '';
  return str === 0 ? undefined : enc.read(env.heap, str, length);
}

/** A NUL-terminated UTF-8 C string (CHECK_NEW_FROM_UTF8); undefined if NULL. */
export function readCString(env: Env, str: number): string | undefined {
  return str === 0 ? undefined : readUtf8Z(env.heap, str);
}

export function stringApi(env: Env) {
  const values = env.handles.values;

  function create(enc: Encoding, e: number, str: number, length: number, result: number): number {
    if (e === 0) return NO_ENV;
    if (length !== 0 && str === 0) return invalidArg(env);
    if (result === 0) return invalidArg(env);
    const s = readCText(env, enc, str, length);
    if (s === undefined) return invalidArg(env);
    outValue(env, result, s);
    return env.ok();
  }

  /**
   * node_api_create_external_string_*: a JS string cannot live in wasm
   * memory, so the text is copied, `copied` reported and the finalizer run at
   * once (as Node does in a V8-sandbox build). An empty string is reported
   * not copied, its finalizer also already run, as Node 20 does.
   */
  function createExternal(enc: Encoding, e: number, str: number, length: number, finalize: number, hint: number, result: number, copied: number): number {
    const s = create(enc, e, str, length, result);
    if (s !== S.ok) return s;
    if (copied !== 0) outBool(env, copied, values[env.heap.fresh().i32[result >> 2]!] !== '');
    if (finalize !== 0) runFinalizer(env, finalize, str, hint);
    return env.ok();
  }

  /**
   * buf NULL: *result = the length in units (result required). Otherwise
   * copy at most bufsize - 1 units, NUL-terminate, *result = units copied.
   */
  function get(enc: Encoding, e: number, value: number, buf: number, bufsize: number, result: number): number {
    if (e === 0) return NO_ENV;
    if (value === 0) return invalidArg(env);
    const s = values[value];
    if (typeof s !== 'string') return env.setStatus(S.string_expected);
    if (buf === 0) {
      if (result === 0) return invalidArg(env);
      outI32(env, result, enc.measure(s));
    } else if (bufsize !== 0) {
      const n = enc.write(env.heap, s, buf, (bufsize >>> 0) - 1);
      const end = buf + n * enc.unit;
      const u8 = env.heap.fresh().u8;
      u8[end] = 0;
      if (enc.unit === 2) u8[end + 1] = 0;
      if (result !== 0) outI32(env, result, n);
    } else if (result !== 0) {
      outI32(env, result, 0);
    }
    return env.ok();
  }

  return {
    napi_create_string_latin1: (e: number, s: number, n: number, r: number) => create(LATIN1, e, s, n, r),
    napi_create_string_utf8: (e: number, s: number, n: number, r: number) => create(UTF8, e, s, n, r),
    napi_create_string_utf16: (e: number, s: number, n: number, r: number) => create(UTF16, e, s, n, r),
    // Node internalizes these; a JS engine does that for property keys anyway.
    node_api_create_property_key_latin1: (e: number, s: number, n: number, r: number) => create(LATIN1, e, s, n, r),
    node_api_create_property_key_utf8: (e: number, s: number, n: number, r: number) => create(UTF8, e, s, n, r),
    node_api_create_property_key_utf16: (e: number, s: number, n: number, r: number) => create(UTF16, e, s, n, r),
    node_api_create_external_string_latin1: (e: number, s: number, n: number, f: number, h: number, r: number, c: number) =>
      createExternal(LATIN1, e, s, n, f, h, r, c),
    node_api_create_external_string_utf16: (e: number, s: number, n: number, f: number, h: number, r: number, c: number) =>
      createExternal(UTF16, e, s, n, f, h, r, c),

    napi_get_value_string_latin1: (e: number, v: number, b: number, n: number, r: number) => get(LATIN1, e, v, b, n, r),
    napi_get_value_string_utf8: (e: number, v: number, b: number, n: number, r: number) => get(UTF8, e, v, b, n, r),
    napi_get_value_string_utf16: (e: number, v: number, b: number, n: number, r: number) => get(UTF16, e, v, b, n, r),
  };
}

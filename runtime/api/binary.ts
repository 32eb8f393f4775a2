// ArrayBuffers, typed arrays, DataViews and Buffers. Every data pointer goes
// through memory-model.ts: a JS-owned buffer's bytes are borrowed for the
// native call (dataPointer); a buffer the addon makes gets a pinned block
// for its whole life (pinNew, pinExternal), released when it dies
// (finalizers.ts).

import type { Env } from '../env.js';
import { Finalizer, watch } from '../finalizers.js';
import {
  TYPED_ARRAY_KINDS,
  isArrayBuffer,
  isArrayBufferView,
  isDataView,
  isTypedArray,
  typedArrayKind,
} from '../js-types.js';
import { NO_MEMORY, dataPointer, detachPin, pinExternal, pinNew, pinOf } from '../memory-model.js';
import { NO_ENV, S, invalidArg, outBool, outI32, outValue } from './common.js';
import { newError } from './errors.js';

interface BufferConstructor {
  alloc(size: number): Uint8Array;
}

/** Node's Buffer where there is one; a plain Uint8Array elsewhere. */
const NodeBuffer: BufferConstructor | undefined = (() => {
  const b = (globalThis as { Buffer?: Partial<BufferConstructor> }).Buffer;
  return typeof b?.alloc === 'function' ? (b as BufferConstructor) : undefined;
})();

function newBuffer(size: number): Uint8Array {
  return NodeBuffer !== undefined ? NodeBuffer.alloc(size) : new Uint8Array(size);
}

/**
 * A new ArrayBuffer with the `length` bytes of C's memory at `data`, pinned
 * to them, whose finalizer gets them back when it is collected (the external
 * ArrayBuffer and Buffer functions). undefined if they lie outside memory.
 */
export function externalArrayBuffer(env: Env, data: number, length: number, finalize: number, hint: number): ArrayBuffer | undefined {
  const size = length >>> 0;
  if ((data >>> 0) + size > env.heap.fresh().u8.length) return undefined;
  const bytes = new Uint8Array(size);
  const pin = size !== 0 ? pinExternal(env, bytes, data) : undefined;
  if (pin !== undefined || finalize !== 0) watch(bytes.buffer, new Finalizer(env, finalize, data, hint, pin));
  return bytes.buffer;
}

export function binaryApi(env: Env) {
  const values = env.handles.values;

  /** Shared body of the napi_is_* brand checks. */
  function is(e: number, value: number, result: number, check: (v: unknown) => boolean): number {
    if (e === 0) return NO_ENV;
    if (value === 0 || result === 0) return invalidArg(env);
    outBool(env, result, check(values[value]));
    return env.ok();
  }

  /** *out = C's pointer to the given bytes; false if there was no memory. */
  function outData(out: number, buffer: ArrayBufferLike, offset: number, length: number, view?: ArrayBufferView): boolean {
    if (out === 0) return true;
    const ptr = dataPointer(env, buffer, offset, length, view);
    if (ptr === NO_MEMORY) return false;
    outI32(env, out, ptr);
    return true;
  }

  /** Shared tail of the get_*_info functions for views. */
  function viewInfo(view: ArrayBufferView, data: number, arraybuffer: number, byteOffset: number): number {
    if (!outData(data, view.buffer, view.byteOffset, view.byteLength, view)) return env.setStatus(S.generic_failure);
    if (arraybuffer !== 0) outValue(env, arraybuffer, view.buffer);
    if (byteOffset !== 0) outI32(env, byteOffset, view.byteOffset);
    return env.ok();
  }

  /** Shared body of napi_create_buffer/_copy and napi_create_arraybuffer. */
  function create(e: number, size: number, data: number, result: number, make: (n: number) => Uint8Array | ArrayBuffer, source: number): number {
    if (e === 0) return NO_ENV;
    const p = env.preamble();
    if (p !== S.ok) return p;
    if (result === 0) return invalidArg(env);
    let made: Uint8Array | ArrayBuffer;
    try {
      made = make(size >>> 0);
    } catch (error) {
      return env.caught(error, S.generic_failure);
    }
    const bytes = made instanceof Uint8Array ? made : new Uint8Array(made);
    if (source !== 0) bytes.set(env.heap.fresh().u8.subarray(source, source + bytes.length));
    if (data !== 0) {
      let ptr = 0;
      if (bytes.length !== 0) {
        const pin = pinNew(env, bytes);
        if (pin === undefined) return env.setStatus(S.generic_failure);
        watch(bytes.buffer, new Finalizer(env, 0, 0, 0, pin));
        ptr = pin.ptr;
      }
      outI32(env, data, ptr);
    }
    outValue(env, result, made);
    return env.ok();
  }

  /** ArrayBuffer.prototype.detached where the engine has it. */
  function isDetached(ab: ArrayBuffer): boolean {
    const detached = (ab as { detached?: boolean }).detached;
    if (detached !== undefined) return detached;
    if (ab.byteLength !== 0) return false;
    try {
      new Uint8Array(ab);
      return false;
    } catch {
      return true;
    }
  }

  const newArrayBuffer = (n: number) => new ArrayBuffer(n);

  return {
    napi_is_arraybuffer: (e: number, v: number, r: number) => is(e, v, r, isArrayBuffer),
    napi_is_typedarray: (e: number, v: number, r: number) => is(e, v, r, isTypedArray),
    napi_is_dataview: (e: number, v: number, r: number) => is(e, v, r, isDataView),
    // Node 20's node::Buffer::HasInstance is true for any ArrayBufferView.
    napi_is_buffer: (e: number, v: number, r: number) => is(e, v, r, isArrayBufferView),

    napi_create_arraybuffer: (e: number, n: number, data: number, r: number) => create(e, n, data, r, newArrayBuffer, 0),
    napi_create_buffer: (e: number, n: number, data: number, r: number) => create(e, n, data, r, newBuffer, 0),
    napi_create_buffer_copy: (e: number, n: number, src: number, data: number, r: number) =>
      create(e, n, data, r, newBuffer, src),

    napi_create_external_arraybuffer(e: number, data: number, length: number, finalize: number, hint: number, result: number): number {
      if (e === 0) return NO_ENV;
      const p = env.preamble();
      if (p !== S.ok) return p;
      if (result === 0) return invalidArg(env);
      const ab = externalArrayBuffer(env, data, length, finalize, hint);
      if (ab === undefined) return invalidArg(env);
      outValue(env, result, ab);
      return env.ok();
    },

    napi_detach_arraybuffer(e: number, arraybuffer: number): number {
      if (e === 0) return NO_ENV;
      if (arraybuffer === 0) return invalidArg(env);
      const ab = values[arraybuffer];
      if (!isArrayBuffer(ab)) return env.setStatus(S.arraybuffer_expected);
      if (isDetached(ab)) return env.ok();
      const pin = pinOf(env, ab);
      try {
        structuredClone(ab, { transfer: [ab] });
      } catch {
        return env.setStatus(S.detachable_arraybuffer_expected); // wasm memory's, say
      }
      if (pin !== undefined) detachPin(env, pin);
      return env.ok();
    },

    napi_is_detached_arraybuffer(e: number, value: number, result: number): number {
      if (e === 0) return NO_ENV;
      if (value === 0 || result === 0) return invalidArg(env);
      const v = values[value];
      outBool(env, result, isArrayBuffer(v) && isDetached(v));
      return env.ok();
    },

    napi_get_arraybuffer_info(e: number, arraybuffer: number, data: number, byteLength: number): number {
      if (e === 0) return NO_ENV;
      if (arraybuffer === 0) return invalidArg(env);
      const ab = values[arraybuffer];
      if (!isArrayBuffer(ab)) return invalidArg(env);
      if (!outData(data, ab, 0, ab.byteLength)) return env.setStatus(S.generic_failure);
      if (byteLength !== 0) outI32(env, byteLength, ab.byteLength);
      return env.ok();
    },

    napi_get_typedarray_info(
      e: number,
      typedarray: number,
      type: number,
      length: number,
      data: number,
      arraybuffer: number,
      byteOffset: number,
    ): number {
      if (e === 0) return NO_ENV;
      if (typedarray === 0) return invalidArg(env);
      const view = values[typedarray];
      const kind = typedArrayKind(view);
      if (kind < 0) return invalidArg(env);
      const ta = view as ArrayBufferView & { length: number };
      if (type !== 0) outI32(env, type, kind);
      if (length !== 0) outI32(env, length, ta.length);
      return viewInfo(ta, data, arraybuffer, byteOffset);
    },

    napi_get_dataview_info(
      e: number,
      dataview: number,
      byteLength: number,
      data: number,
      arraybuffer: number,
      byteOffset: number,
    ): number {
      if (e === 0) return NO_ENV;
      if (dataview === 0) return invalidArg(env);
      const view = values[dataview];
      if (!isDataView(view)) return invalidArg(env);
      if (byteLength !== 0) outI32(env, byteLength, view.byteLength);
      return viewInfo(view, data, arraybuffer, byteOffset);
    },

    napi_get_buffer_info(e: number, value: number, data: number, length: number): number {
      if (e === 0) return NO_ENV;
      if (value === 0) return invalidArg(env);
      const view = values[value];
      if (!isArrayBufferView(view)) return invalidArg(env);
      if (length !== 0) outI32(env, length, view.byteLength);
      return viewInfo(view, data, 0, 0);
    },

    napi_create_typedarray(e: number, type: number, length: number, arraybuffer: number, byteOffset: number, result: number): number {
      if (e === 0) return NO_ENV;
      const p = env.preamble();
      if (p !== S.ok) return p;
      if (arraybuffer === 0 || result === 0) return invalidArg(env);
      const ab = values[arraybuffer];
      if (!isArrayBuffer(ab)) return invalidArg(env);
      const kind = TYPED_ARRAY_KINDS[type];
      if (kind === undefined || kind.ctor === undefined) return invalidArg(env);
      const offset = byteOffset >>> 0;
      const count = length >>> 0;
      if (offset % kind.elementSize !== 0) {
        const message = `start offset of ${kind.name} should be a multiple of ${kind.elementSize}`;
        env.setPendingException(newError(RangeError, message, 'ERR_NAPI_INVALID_TYPEDARRAY_ALIGNMENT'));
        return env.setStatus(S.generic_failure);
      }
      if (count * kind.elementSize + offset > ab.byteLength) {
        env.setPendingException(newError(RangeError, 'Invalid typed array length', 'ERR_NAPI_INVALID_TYPEDARRAY_LENGTH'));
        return env.setStatus(S.generic_failure);
      }
      outValue(env, result, new kind.ctor(ab, offset, count));
      return env.ok();
    },

    napi_create_dataview(e: number, byteLength: number, arraybuffer: number, byteOffset: number, result: number): number {
      if (e === 0) return NO_ENV;
      const p = env.preamble();
      if (p !== S.ok) return p;
      if (arraybuffer === 0 || result === 0) return invalidArg(env);
      const ab = values[arraybuffer];
      if (!isArrayBuffer(ab)) return invalidArg(env);
      if ((byteLength >>> 0) + (byteOffset >>> 0) > ab.byteLength) {
        const message =
          'byte_offset + byte_length should be less than or equal to the size in bytes of the array passed in';
        env.setPendingException(newError(RangeError, message, 'ERR_NAPI_INVALID_DATAVIEW_ARGS'));
        return env.setStatus(S.pending_exception);
      }
      outValue(env, result, new DataView(ab, byteOffset >>> 0, byteLength >>> 0));
      return env.ok();
    },
  };
}

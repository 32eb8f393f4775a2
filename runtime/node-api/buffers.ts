// The node_api.h Buffer functions that runtime/api/binary.ts does not have:
// napi_create_external_buffer and node_api_create_buffer_from_arraybuffer.
// A Buffer is Node's Buffer where there is one, else a Uint8Array. An
// external buffer follows memory-model.ts like an external ArrayBuffer: a JS
// copy pinned to C's memory, kept in sync, handed to the finalizer when the
// Buffer is collected.

import { NO_ENV, S, invalidArg, outValue } from '../api/common.js';
import { newError } from '../api/errors.js';
import type { Env } from '../env.js';
import { Finalizer, watch } from '../finalizers.js';
import { isArrayBuffer } from '../js-types.js';
import { pinExternal } from '../memory-model.js';

interface BufferFrom {
  from(arrayBuffer: ArrayBuffer, byteOffset: number, length: number): Uint8Array;
}

const NodeBuffer = (globalThis as { Buffer?: Partial<BufferFrom> }).Buffer;

/** A Buffer sharing bytes [offset, offset + length) of `ab`. */
function bufferView(ab: ArrayBuffer, offset: number, length: number): Uint8Array {
  return typeof NodeBuffer?.from === 'function' ? NodeBuffer.from(ab, offset, length) : new Uint8Array(ab, offset, length);
}

export function bufferApi(env: Env) {
  const values = env.handles.values;

  return {
    napi_create_external_buffer(e: number, length: number, data: number, finalize: number, hint: number, result: number): number {
      if (e === 0) return NO_ENV;
      const p = env.preamble();
      if (p !== S.ok) return p;
      if (result === 0) return invalidArg(env);
      const size = length >>> 0;
      if ((data >>> 0) + size > env.heap.fresh().u8.length) return invalidArg(env);
      const ab = new ArrayBuffer(size);
      const pin = size !== 0 ? pinExternal(env, new Uint8Array(ab), data) : undefined;
      if (pin !== undefined || finalize !== 0) watch(ab, new Finalizer(env, finalize, data, hint, pin));
      outValue(env, result, bufferView(ab, 0, size));
      return env.ok();
    },

    node_api_create_buffer_from_arraybuffer(e: number, arraybuffer: number, byteOffset: number, byteLength: number, result: number): number {
      if (e === 0) return NO_ENV;
      const p = env.preamble();
      if (p !== S.ok) return p;
      if (arraybuffer === 0 || result === 0) return invalidArg(env);
      const ab = values[arraybuffer];
      if (!isArrayBuffer(ab)) return env.setStatus(S.arraybuffer_expected);
      const offset = byteOffset >>> 0;
      const length = byteLength >>> 0;
      if (offset + length > ab.byteLength) {
        env.setPendingException(newError(RangeError, 'The byte offset + length is out of range', 'ERR_OUT_OF_RANGE'));
        return env.setStatus(S.pending_exception);
      }
      outValue(env, result, bufferView(ab, offset, length));
      return env.ok();
    },
  };
}

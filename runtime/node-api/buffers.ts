// The node_api.h Buffer functions that runtime/api/binary.ts does not have:
// napi_create_external_buffer and node_api_create_buffer_from_arraybuffer.
// A Buffer is Node's Buffer where there is one, else a Uint8Array. An
// external buffer is a Buffer over binary.ts's external ArrayBuffer: a JS
// copy pinned to C's memory (memory-model.ts), kept in sync, handed to the
// finalizer when it is collected.

import { externalArrayBuffer } from '../api/binary.js';
import { NO_ENV, S, invalidArg, outValue } from '../api/common.js';
import { newError } from '../api/errors.js';
import type { Env } from '../env.js';
import { isArrayBuffer } from '../js-types.js';

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
      const ab = externalArrayBuffer(env, data, length, finalize, hint);
      if (ab === undefined) return invalidArg(env);
      outValue(env, result, bufferView(ab, 0, ab.byteLength));
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

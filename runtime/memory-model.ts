// How C gets a pointer to bytes that live in a JS ArrayBuffer.
//
// Wasm can only address its own linear memory, so a JS-owned ArrayBuffer
// (Buffer.alloc, new Uint8Array(n), ...) is *borrowed*: when C asks for its
// data pointer (get_buffer_info, get_typedarray_info, get_arraybuffer_info,
// get_dataview_info, and create_buffer/create_arraybuffer in this slice) the
// runtime mallocs a block, copies the requested bytes in and records the
// borrow in env.borrows. The same ArrayBuffer asked for again during the same
// outermost native call maps into the same block (another view of it gets
// an offset inside the block), so aliasing views stay aliased for C.
//
// Bytes are copied back to JS whenever JS could look at them:
//   - syncOut before the runtime runs JS on C's behalf (napi_call_function,
//     napi_new_instance, property access that may hit a getter/proxy, ...)
//     and when a nested native callback returns to JS;
//   - syncIn after that JS returns, and when a nested native callback starts,
//     since JS may have written;
//   - releaseBorrows when the outermost native call returns: copy back, free.
// Only the byte ranges C asked for are copied (a small Buffer of Node's 8 KiB
// pool copies its own bytes, not the pool). With nothing borrowed, every hook
// is one `borrows.length !== 0` test.
//
// Views whose buffer *is* the wasm memory need no borrow: their pointer is
// their byte offset.
//
// Plan for issue 3 (buffers the addon creates): napi_create_buffer,
// napi_create_arraybuffer and the external variants must give C a pointer
// that stays valid, with its contents, for the JS object's whole life (Node
// code keeps such pointers across calls). They will get a *pinned* block:
// malloc'd at creation, recorded per env as {WeakRef(ArrayBuffer), ptr, size}
// and freed by a FinalizationRegistry when the ArrayBuffer dies. Pinned
// blocks are synced at the same points as borrows (the JS object stays a
// plain JS ArrayBuffer, because a view of wasm memory is detached by
// memory.grow), and dataPointer() returns the pinned ptr instead of
// borrowing. Only this module changes; the Node-API functions keep calling
// dataPointer()/createdBuffer().

import type { Env } from './env.js';

/** One borrowed block: bytes [base, base + size) of `buffer` live at `ptr`. */
export interface Borrow {
  buffer: ArrayBufferLike;
  base: number;
  size: number;
  ptr: number;
  /** Sorted, disjoint [start, end) pairs (offsets in `buffer`) copied in. */
  ranges: number[];
}

/** ArrayBuffers up to this size are mapped whole (only used ranges copied). */
const WHOLE_BUFFER_LIMIT = 1 << 20;

/** Returned by dataPointer when malloc fails. */
export const NO_MEMORY = -1;

/**
 * Wasm address of bytes [offset, offset + length) of `buffer`, borrowing
 * them if needed. 0 for an empty range, NO_MEMORY if malloc failed.
 */
export function dataPointer(env: Env, buffer: ArrayBufferLike, offset: number, length: number): number {
  if (buffer === env.heap.fresh().u8.buffer) return offset;
  if (length === 0) return 0;
  const end = offset + length;
  const borrows = env.borrows;
  for (let i = 0; i < borrows.length; i++) {
    const b = borrows[i]!;
    if (b.buffer === buffer && offset >= b.base && end <= b.base + b.size) {
      cover(env, b, offset, end);
      return b.ptr + offset - b.base;
    }
  }
  const whole = buffer.byteLength <= WHOLE_BUFFER_LIMIT || length * 2 >= buffer.byteLength;
  const base = whole ? 0 : offset;
  const size = whole ? buffer.byteLength : length;
  const ptr = env.malloc(size);
  if (ptr === 0) return NO_MEMORY;
  const b: Borrow = { buffer, base, size, ptr, ranges: [] };
  borrows.push(b);
  cover(env, b, offset, end);
  return ptr + offset - base;
}

/**
 * Pointer to the bytes of a buffer the addon just created. For now the same
 * as a borrow (see the issue 3 plan above).
 */
export function createdBuffer(env: Env, buffer: ArrayBuffer, offset: number, length: number): number {
  return dataPointer(env, buffer, offset, length);
}

/** Call before the runtime runs JS on C's behalf. */
export function beforeRunningJs(env: Env): void {
  if (env.borrows.length !== 0) syncOut(env);
}

/** Call after that JS returned (or threw). */
export function afterRunningJs(env: Env): void {
  if (env.borrows.length !== 0) syncIn(env);
}

/** Copies wasm → JS for every borrowed range. */
export function syncOut(env: Env): void {
  const borrows = env.borrows;
  const u8 = env.heap.fresh().u8;
  for (let i = 0; i < borrows.length; i++) {
    const b = borrows[i]!;
    forEachLiveRange(b, (start, end) => {
      new Uint8Array(b.buffer, start, end - start).set(u8.subarray(b.ptr + start - b.base, b.ptr + end - b.base));
    });
  }
}

/** Copies JS → wasm for every borrowed range (after JS may have written). */
export function syncIn(env: Env): void {
  const borrows = env.borrows;
  const u8 = env.heap.fresh().u8;
  for (let i = 0; i < borrows.length; i++) {
    const b = borrows[i]!;
    forEachLiveRange(b, (start, end) => {
      u8.set(new Uint8Array(b.buffer, start, end - start), b.ptr + start - b.base);
    });
  }
}

/**
 * End of the outermost native call: copy back (unless the call trapped and
 * memory cannot be trusted) and free every block.
 */
export function releaseBorrows(env: Env, copyBack: boolean): void {
  if (copyBack) syncOut(env);
  const borrows = env.borrows;
  for (let i = 0; i < borrows.length; i++) {
    try {
      env.free(borrows[i]!.ptr);
    } catch {
      // A heap a trap left corrupt may trap again in free(); leak the block.
    }
  }
  borrows.length = 0;
}

/** Makes sure [start, end) is copied in, copying only what is not yet. */
function cover(env: Env, b: Borrow, start: number, end: number): void {
  const r = b.ranges;
  if (r.length === 2 && r[0]! <= start && end <= r[1]!) return;
  const u8 = env.heap.fresh().u8;
  const copyIn = (from: number, to: number): void => {
    if (to > b.buffer.byteLength) to = b.buffer.byteLength;
    if (from < to) u8.set(new Uint8Array(b.buffer, from, to - from), b.ptr + from - b.base);
  };
  const out: number[] = [];
  let i = 0;
  for (; i < r.length && r[i + 1]! < start; i += 2) out.push(r[i]!, r[i + 1]!);
  let lo = start;
  let hi = end;
  let at = start;
  for (; i < r.length && r[i]! <= end; i += 2) {
    if (r[i]! > at) copyIn(at, r[i]!);
    at = Math.max(at, r[i + 1]!);
    lo = Math.min(lo, r[i]!);
    hi = Math.max(hi, r[i + 1]!);
  }
  if (at < end) copyIn(at, end);
  out.push(lo, hi);
  for (; i < r.length; i += 2) out.push(r[i]!, r[i + 1]!);
  b.ranges = out;
}

/** Calls fn for each copied-in range still inside the (maybe shrunk or
 *  detached) buffer. */
function forEachLiveRange(b: Borrow, fn: (start: number, end: number) => void): void {
  const limit = b.buffer.byteLength;
  const r = b.ranges;
  for (let i = 0; i < r.length; i += 2) {
    const end = Math.min(r[i + 1]!, limit);
    if (r[i]! < end) fn(r[i]!, end);
  }
}

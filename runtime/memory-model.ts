// How C gets a pointer to bytes that live in a JS ArrayBuffer.
//
// Wasm can only address its own linear memory, so a JS-owned ArrayBuffer
// (Buffer.alloc, new Uint8Array(n), ...) is *borrowed*: when C asks for its
// data pointer (get_buffer_info, get_typedarray_info, get_arraybuffer_info,
// get_dataview_info, and create_buffer/create_arraybuffer in this slice) the
// runtime takes a block of wasm memory, copies the requested bytes in and
// records the borrow in env.borrows. Blocks come from a per-env scratch arena
// (bump allocation, reset when the outermost call ends), or from malloc when
// they do not fit. The same ArrayBuffer asked for again during the same
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
// pool copies its own bytes, not the pool), small ones with a plain loop and
// through the caller's own view when it is a byte array, so a typical borrow
// allocates one small record and makes no wasm call. With nothing borrowed,
// every hook is one `borrows.length !== 0` test.
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
  /** The block came from malloc (freed at release), not the scratch arena. */
  owned: boolean;
  /** Sorted, disjoint [start, end) pairs (offsets in `buffer`) copied in. */
  ranges: number[];
  /** A byte view of the range when there is exactly one, for the copies. */
  bytes: Uint8Array | undefined;
}

/** ArrayBuffers up to this size are mapped whole (only used ranges copied). */
const WHOLE_BUFFER_LIMIT = 1 << 20;
/** Scratch arena size per env, malloc'd on first use and kept. */
const ARENA_SIZE = 64 << 10;
const ALIGN = 16;
/** Copies up to this many bytes with a loop (cheaper than TypedArray#set). */
const SMALL_COPY = 64;

/** Returned by dataPointer when no memory could be had. */
export const NO_MEMORY = -1;

/**
 * Wasm address of bytes [offset, offset + length) of `buffer`, borrowing
 * them if needed. `view`, when given, is the view C asked about (reused for
 * copying when it is a byte array over exactly that range). 0 for an empty
 * range, NO_MEMORY if no wasm memory could be had.
 */
export function dataPointer(
  env: Env,
  buffer: ArrayBufferLike,
  offset: number,
  length: number,
  view?: ArrayBufferView,
): number {
  if (buffer === env.heap.fresh().buffer) return offset;
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
  const owned = size > ARENA_SIZE - env.scratchTop || !ensureArena(env);
  const ptr = owned ? env.malloc(size) : env.scratchPtr + env.scratchTop;
  if (ptr === 0) return NO_MEMORY;
  if (!owned) env.scratchTop += (size + ALIGN - 1) & ~(ALIGN - 1);
  const bytes = byteView(view, buffer, offset, length);
  borrows.push({ buffer, base, size, ptr, owned, ranges: [offset, end], bytes });
  copyIn(env.heap.fresh().u8, ptr + offset - base, bytes);
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
    if (b.bytes !== undefined) copyOut(u8, b.ptr + b.ranges[0]! - b.base, b.bytes);
    else forEachLiveRange(b, (start, bytes) => copyOut(u8, b.ptr + start - b.base, bytes));
  }
}

/** Copies JS → wasm for every borrowed range (after JS may have written). */
export function syncIn(env: Env): void {
  const borrows = env.borrows;
  const u8 = env.heap.fresh().u8;
  for (let i = 0; i < borrows.length; i++) {
    const b = borrows[i]!;
    if (b.bytes !== undefined) copyIn(u8, b.ptr + b.ranges[0]! - b.base, b.bytes);
    else forEachLiveRange(b, (start, bytes) => copyIn(u8, b.ptr + start - b.base, bytes));
  }
}

/**
 * End of the outermost native call: copy back (unless the call trapped and
 * memory cannot be trusted), free what was malloc'd, reset the arena.
 */
export function releaseBorrows(env: Env, copyBack: boolean): void {
  if (copyBack) syncOut(env);
  const borrows = env.borrows;
  for (let i = 0; i < borrows.length; i++) {
    const b = borrows[i]!;
    if (!b.owned) continue;
    try {
      env.free(b.ptr);
    } catch {
      // A heap a trap left corrupt may trap again in free(); leak the block.
    }
  }
  while (borrows.length !== 0) borrows.pop(); // cheaper than length = 0
  env.scratchTop = 0;
}

function ensureArena(env: Env): boolean {
  if (env.scratchPtr === 0) env.scratchPtr = env.malloc(ARENA_SIZE);
  return env.scratchPtr !== 0;
}

/** A Uint8Array-like view of exactly [offset, offset + length) of `buffer`:
 *  `view` itself when it is a 1-byte-element typed array over that range
 *  (Int8 and Uint8Clamped values convert losslessly through the copies). */
function byteView(view: ArrayBufferView | undefined, buffer: ArrayBufferLike, offset: number, length: number): Uint8Array {
  if (
    view !== undefined &&
    (view as Uint8Array).BYTES_PER_ELEMENT === 1 &&
    view.byteOffset === offset &&
    view.byteLength === length
  ) {
    return view as Uint8Array;
  }
  return new Uint8Array(buffer, offset, length);
}

/** wasm[at ..] = bytes (a detached or shrunk view has length 0: no-op). */
function copyIn(u8: Uint8Array, at: number, bytes: Uint8Array): void {
  const n = bytes.length;
  if (n <= SMALL_COPY) for (let i = 0; i < n; i++) u8[at + i] = bytes[i]!;
  else u8.set(bytes, at);
}

/** bytes = wasm[at ..] */
function copyOut(u8: Uint8Array, at: number, bytes: Uint8Array): void {
  const n = bytes.length;
  if (n <= SMALL_COPY) for (let i = 0; i < n; i++) bytes[i] = u8[at + i]!;
  else bytes.set(u8.subarray(at, at + n));
}

/** Makes sure [start, end) is copied in, copying only what is not yet. */
function cover(env: Env, b: Borrow, start: number, end: number): void {
  const r = b.ranges;
  if (r.length === 2 && r[0]! <= start && end <= r[1]!) return;
  const u8 = env.heap.fresh().u8;
  const fill = (from: number, to: number): void => {
    if (to > b.buffer.byteLength) to = b.buffer.byteLength;
    if (from < to) copyIn(u8, b.ptr + from - b.base, new Uint8Array(b.buffer, from, to - from));
  };
  const out: number[] = [];
  let i = 0;
  for (; i < r.length && r[i + 1]! < start; i += 2) out.push(r[i]!, r[i + 1]!);
  let lo = start;
  let hi = end;
  let at = start;
  for (; i < r.length && r[i]! <= end; i += 2) {
    if (r[i]! > at) fill(at, r[i]!);
    at = Math.max(at, r[i + 1]!);
    lo = Math.min(lo, r[i]!);
    hi = Math.max(hi, r[i + 1]!);
  }
  if (at < end) fill(at, end);
  out.push(lo, hi);
  for (; i < r.length; i += 2) out.push(r[i]!, r[i + 1]!);
  b.ranges = out;
  b.bytes = out.length === 2 ? new Uint8Array(b.buffer, lo, Math.min(hi, b.buffer.byteLength) - lo) : undefined;
}

/** Calls fn with a byte view of each copied-in range still inside the
 *  (maybe shrunk or detached) buffer. */
function forEachLiveRange(b: Borrow, fn: (start: number, bytes: Uint8Array) => void): void {
  const limit = b.buffer.byteLength;
  const r = b.ranges;
  for (let i = 0; i < r.length; i += 2) {
    const end = Math.min(r[i + 1]!, limit);
    if (r[i]! < end) fn(r[i]!, new Uint8Array(b.buffer, r[i]!, end - r[i]!));
  }
}

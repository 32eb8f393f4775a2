// How C gets a pointer to bytes JS can see (docs/memory-model.md).
//
// Wasm can only address its own linear memory, and a JS view of that memory
// is detached by memory.grow. So every buffer JS holds is a plain JS
// ArrayBuffer, and C works on a copy in wasm memory that is kept in step with
// it wherever the other side could look:
//   - syncOut before the runtime runs JS on C's behalf (napi_call_function,
//     property access that may hit a getter, ...) and when a native call
//     returns to JS;
//   - syncIn after that JS returns, and when a native call starts, since JS
//     may have written.
// Two kinds of copies:
//
// Borrows: a JS-owned buffer (Buffer.alloc, new Uint8Array(n), ...) whose data
// pointer C asks for (get_buffer_info, get_typedarray_info, ...) is copied
// into a block for the rest of the *outermost* native call, recorded in
// env.borrows. Blocks come from a per-env scratch arena (bump allocation,
// reset when the outermost call ends), or from malloc when they do not fit.
// The same ArrayBuffer asked for again in the same call maps into the same
// block (another view of it gets an offset inside it), so aliasing views stay
// aliased. When the outermost call ends the bytes are copied back and the
// block is released: C must not keep such a pointer (see the doc).
// Only the byte ranges C asked for are copied (a small Buffer of Node's 8 KiB
// pool copies its own bytes, not the pool), small ones with a plain loop and
// through the caller's own view when it is a byte array.
//
// Pins: a buffer the addon made (napi_create_arraybuffer/buffer/buffer_copy
// with a data pointer, napi_create_external_arraybuffer) gets a block that
// stays valid, with its contents, for the ArrayBuffer's whole life, as in
// Node: malloc'd (or, for an external buffer, C's own memory), and freed (or
// handed to C's finalizer) by a FinalizationRegistry when the ArrayBuffer
// dies (finalizers.ts). C may keep that pointer and write through it on a
// later call or from an async callback, so an *active* pin is synced at every
// sync point above, also when an outermost call starts and ends.
// Syncing every pin on every call would cost each call the size of all live
// addon-made buffers, so pins are parked when C cannot reach them: a
// retention scan looks for a word in wasm memory that points into each
// active pin (a pointer C kept in a static, a struct, anywhere); a pin
// nothing points to, and no napi_ref holds, is parked, i.e. no longer synced.
// A parked pin becomes active again when C asks for its data pointer through
// Node-API. The scan runs when the bytes synced since the last one exceed
// the bytes it reads, so it costs at most as much as the syncing it saves.
// An external buffer over static memory (below the heap) is never parked: C
// reaches it by name, not through a stored pointer.
//
// Views whose buffer *is* the wasm memory need neither: their pointer is
// their byte offset. With nothing borrowed or active, every hook is two
// length tests.

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

/** The wasm block of an addon-made ArrayBuffer. */
export class Pin {
  /** In PinState.active: synced at every sync point. */
  active = false;
  /** napi_refs held on the buffer or a view of it (they keep it active). */
  refs = 0;
  /** The ArrayBuffer died and the block was freed or handed back. */
  released = false;
  constructor(
    readonly ptr: number,
    readonly size: number,
    /** The runtime malloc'd the block (and frees it); else it is C's memory. */
    readonly owned: boolean,
    /** Never parked (an external buffer over static memory). */
    readonly sticky: boolean,
  ) {}
}

interface Pinned {
  pin: Pin;
  /** A byte view of the whole ArrayBuffer; lives exactly as long as it. */
  bytes: Uint8Array;
}

type Ref<T> = { deref(): T | undefined };
const weakRef: <T extends object>(value: T) => Ref<T> =
  typeof WeakRef === 'function' ? (value) => new WeakRef(value) : (value) => ({ deref: () => value });

/** An env's pins (Env.pins). */
export class PinState {
  readonly of = new WeakMap<ArrayBufferLike, Pinned>();
  /** Active pins, and a weak reference to each one's byte view. */
  readonly active: Pin[] = [];
  readonly views: Ref<Uint8Array>[] = [];
  /** Pins not yet released (0: dataPointer skips the lookup). */
  live = 0;
  /** Bytes synced since the last retention scan. */
  work = 0;
  /** Lowest block address malloc has given the runtime: static data and the
   *  stack lie below it. */
  heapFloor = 0x7fffffff;
}

/** ArrayBuffers up to this size are mapped whole (only used ranges copied). */
const WHOLE_BUFFER_LIMIT = 1 << 20;
/** Scratch arena size per env, malloc'd on first use and kept. */
const ARENA_SIZE = 64 << 10;
const ALIGN = 16;
/** Copies up to this many bytes with a loop (cheaper than TypedArray#set). */
const SMALL_COPY = 64;
/** Work a pin's sync costs besides its bytes (the deref and the call). */
const PIN_COST = 64;
/** wasm-ld's default global base: nothing C owns lies below it. */
const GLOBAL_BASE = 1024;

/** Returned by dataPointer and the pin functions when no memory could be had. */
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
  if (env.pins.live !== 0) {
    const pinned = env.pins.of.get(buffer);
    if (pinned !== undefined) return wake(env, pinned) + offset;
  }
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
  const ptr = owned ? malloc(env, size) : env.scratchPtr + env.scratchTop;
  if (ptr === 0) return NO_MEMORY;
  if (!owned) env.scratchTop += (size + ALIGN - 1) & ~(ALIGN - 1);
  const bytes = byteView(view, buffer, offset, length);
  borrows.push({ buffer, base, size, ptr, owned, ranges: [offset, end], bytes });
  copyIn(env.heap.fresh().u8, ptr + offset - base, bytes);
  return ptr + offset - base;
}

// ---- pins ---------------------------------------------------------------------

/**
 * Pins a new ArrayBuffer the addon made (`bytes`: a view of all of it) in a
 * malloc'd block holding its contents. undefined if malloc failed.
 */
export function pinNew(env: Env, bytes: Uint8Array): Pin | undefined {
  const ptr = malloc(env, bytes.length);
  if (ptr === 0) return undefined;
  const pin = new Pin(ptr, bytes.length, true, false);
  copyIn(env.heap.fresh().u8, ptr, bytes);
  track(env, pin, bytes);
  return pin;
}

/**
 * Pins an external ArrayBuffer (`bytes`: a view of all of it) over C's
 * memory at `ptr`, whose contents it takes.
 */
export function pinExternal(env: Env, bytes: Uint8Array, ptr: number): Pin {
  if (env.pins.heapFloor === 0x7fffffff) env.free(malloc(env, 1)); // learn where the heap starts
  const pin = new Pin(ptr, bytes.length, false, ptr < env.pins.heapFloor);
  copyOut(env.heap.fresh().u8, ptr, bytes);
  track(env, pin, bytes);
  return pin;
}

/** The pin of `buffer`, if the addon made it. */
export function pinOf(env: Env, buffer: ArrayBufferLike): Pin | undefined {
  return env.pins.live !== 0 ? env.pins.of.get(buffer)?.pin : undefined;
}

/** A napi_ref was taken (+1) on, or deleted (-1) from, a pinned buffer or a view of it. */
export function refPin(env: Env, buffer: ArrayBufferLike, delta: number): void {
  const pinned = env.pins.live !== 0 ? env.pins.of.get(buffer) : undefined;
  if (pinned === undefined) return;
  pinned.pin.refs += delta;
  if (delta > 0) wake(env, pinned);
}

/** Stops syncing a pin whose buffer JS detached (its bytes are gone). */
export function detachPin(env: Env, pin: Pin): void {
  if (pin.active) removeActive(env, env.pins.active.indexOf(pin));
  pin.refs = 0;
}

/** The ArrayBuffer of `pin` died: frees the block (an owned one). */
export function releasePin(env: Env, pin: Pin): void {
  if (pin.released) return;
  pin.released = true;
  env.pins.live--;
  if (pin.active) removeActive(env, env.pins.active.indexOf(pin));
  if (pin.owned) env.free(pin.ptr);
}

function track(env: Env, pin: Pin, bytes: Uint8Array): void {
  const pins = env.pins;
  pins.of.set(bytes.buffer, { pin, bytes });
  pins.live++;
  activate(pins, pin, bytes);
}

function activate(pins: PinState, pin: Pin, bytes: Uint8Array): void {
  pin.active = true;
  pins.active.push(pin);
  pins.views.push(weakRef(bytes));
}

/** A parked pin C reaches again: JS's bytes are the current ones. */
function wake(env: Env, { pin, bytes }: Pinned): number {
  if (!pin.active && !pin.released) {
    copyIn(env.heap.fresh().u8, pin.ptr, bytes);
    activate(env.pins, pin, bytes);
  }
  return pin.ptr;
}

function removeActive(env: Env, i: number): void {
  const { active, views } = env.pins;
  active[i]!.active = false;
  active[i] = active[active.length - 1]!;
  views[i] = views[views.length - 1]!;
  active.pop();
  views.pop();
}

/** Copies every active pin one way; drops pins whose buffer died. */
function syncPins(env: Env, u8: Uint8Array, out: boolean): void {
  const pins = env.pins;
  const { active, views } = pins;
  let work = 0;
  for (let i = 0; i < active.length; i++) {
    const bytes = views[i]!.deref();
    if (bytes === undefined) {
      removeActive(env, i--); // the registry frees the block
      continue;
    }
    if (out) copyOut(u8, active[i]!.ptr, bytes);
    else copyIn(u8, active[i]!.ptr, bytes);
    work += bytes.length + PIN_COST;
  }
  pins.work += work;
}

/**
 * Parks the active pins nothing in wasm memory points into (no word in
 * [ptr, ptr + size]) and no napi_ref holds. Conservative: any word that
 * happens to look like such a pointer keeps a pin active.
 */
function parkUnreachable(env: Env): void {
  const pins = env.pins;
  pins.work = 0;
  const candidates = pins.active.filter((p) => p.refs === 0 && !p.sticky).sort((a, b) => a.ptr - b.ptr);
  const n = candidates.length;
  if (n === 0) return;
  const lo = candidates[0]!.ptr;
  let span = 0;
  for (const p of candidates) span = Math.max(span, p.ptr + p.size - lo);
  const reached = new Uint8Array(n);
  const words = env.heap.fresh().i32;
  for (let i = GLOBAL_BASE >> 2, end = words.length; i < end; i++) {
    const d = (words[i]! - lo) >>> 0;
    if (d > span) continue;
    // The last candidate starting at or below the address.
    let a = 0;
    let b = n - 1;
    while (a < b) {
      const m = (a + b + 1) >> 1;
      if (candidates[m]!.ptr - lo <= d) a = m;
      else b = m - 1;
    }
    if (d <= candidates[a]!.ptr + candidates[a]!.size - lo) reached[a] = 1;
  }
  for (let k = 0; k < n; k++) {
    if (reached[k] === 0) removeActive(env, pins.active.indexOf(candidates[k]!));
  }
}

// ---- sync points --------------------------------------------------------------

/** Something is borrowed or pinned and active: the sync hooks have work. */
export function mustSync(env: Env): boolean {
  return env.borrows.length !== 0 || env.pins.active.length !== 0;
}

/** Call when a native call starts (JS may have written since). */
export function enterNative(env: Env): void {
  if (env.borrows.length !== 0 || env.pins.active.length !== 0) syncIn(env);
}

/**
 * Call when a native call ends: copy back and, for the outermost call, release
 * the borrows (`completed` false: it trapped and memory cannot be trusted).
 */
export function leaveNative(env: Env, depth: number, completed: boolean): void {
  if (env.borrows.length === 0 && env.pins.active.length === 0) return;
  if (depth === 1) releaseBorrows(env, completed);
  else if (completed) syncOut(env);
}

/** Call before the runtime runs JS on C's behalf. */
export function beforeRunningJs(env: Env): void {
  if (env.borrows.length !== 0 || env.pins.active.length !== 0) syncOut(env);
}

/** Call after that JS returned (or threw). */
export function afterRunningJs(env: Env): void {
  if (env.borrows.length !== 0 || env.pins.active.length !== 0) syncIn(env);
}

/** Copies wasm → JS for every borrowed range and active pin. */
export function syncOut(env: Env): void {
  const borrows = env.borrows;
  const u8 = env.heap.fresh().u8;
  for (let i = 0; i < borrows.length; i++) {
    const b = borrows[i]!;
    if (b.bytes !== undefined) copyOut(u8, b.ptr + b.ranges[0]! - b.base, b.bytes);
    else forEachLiveRange(b, (start, bytes) => copyOut(u8, b.ptr + start - b.base, bytes));
  }
  if (env.pins.active.length !== 0) syncPins(env, u8, true);
}

/** Copies JS → wasm for every borrowed range and active pin (after JS may have written). */
export function syncIn(env: Env): void {
  const borrows = env.borrows;
  const u8 = env.heap.fresh().u8;
  for (let i = 0; i < borrows.length; i++) {
    const b = borrows[i]!;
    if (b.bytes !== undefined) copyIn(u8, b.ptr + b.ranges[0]! - b.base, b.bytes);
    else forEachLiveRange(b, (start, bytes) => copyIn(u8, b.ptr + start - b.base, bytes));
  }
  if (env.pins.active.length !== 0) syncPins(env, u8, false);
}

/**
 * End of the outermost native call: copy back (unless the call trapped and
 * memory cannot be trusted), free what was malloc'd, reset the arena, and
 * park pins C can no longer reach once syncing them has cost a scan.
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
  if (copyBack && env.pins.work > env.heap.u8.length >>> 1) parkUnreachable(env);
}

function malloc(env: Env, size: number): number {
  const ptr = env.malloc(size);
  if (ptr !== 0 && ptr < env.pins.heapFloor) env.pins.heapFloor = ptr;
  return ptr;
}

function ensureArena(env: Env): boolean {
  if (env.scratchPtr === 0) env.scratchPtr = malloc(env, ARENA_SIZE);
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

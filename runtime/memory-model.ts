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
// with a data pointer, the external ArrayBuffers and Buffers) gets a block
// that stays valid, with its contents, for the ArrayBuffer's whole life, as
// in Node: cut from a slab, malloc'd if large, or C's own memory for an
// external one; freed (or handed to C's finalizer) by a FinalizationRegistry
// when the ArrayBuffer dies (finalizers.ts). C may keep that pointer and
// write through it on a later call or from an async callback, so a pin is
// synced at every sync point above, also when an outermost call starts and
// ends, while C may reach it: fresh (held until the job ends), then young
// (held weakly), or kept (a scan found a pointer into it; held strongly).
// Syncing every pin on every call would cost each call the size of all live
// addon-made buffers, so a retention scan parks the pins nothing in wasm
// memory points into (no pointer kept in a static, a struct, anywhere) and no
// napi_ref holds. A parked pin is synced again once C asks for its data
// pointer through Node-API. The scan skips memory that holds no pointer C
// kept: the scratch arena, slabs and large pinned blocks and, when the
// module exports its layout (__data_end, __heap_base), the stack. It runs
// when the syncing done since the last one has cost as much as a scan, so
// parking never costs more than the syncing it saves. The scan's inner loop
// runs in the module itself (napi_wasm_scan, napi-shims/memory/scan.c) when
// it has one, about 8x faster than in JS. An external buffer
// over static memory (below the heap) is never parked: C reaches it by name.

// Views whose buffer *is* the wasm memory need neither: their pointer is
// their byte offset. With nothing borrowed or synced, every hook is two
// length tests.

import type { Env } from './env.js';
import { createSlot } from './slots.js';

const NO_BUFFER = new ArrayBuffer(0);

/**
 * One borrowed block: bytes [base, base + size) of `buffer` live at `ptr`.
 * The records are reused from call to call (env.borrows is a pool, its first
 * env.borrowCount entries in use): a call that borrows allocates nothing.
 */
export class Borrow {
  buffer: ArrayBufferLike = NO_BUFFER;
  base = 0;
  size = 0;
  ptr = 0;
  /** The block came from malloc (freed at release), not the scratch arena. */
  owned = false;
  /** Sorted, disjoint [start, end) pairs (offsets in `buffer`) copied in. */
  ranges: number[] = [0, 0];
  /** A byte view of the range when there is exactly one, for the copies. */
  bytes: Uint8Array | undefined = undefined;
}

/** How a pin is synced: not at all (parked), or at every sync point, its
 *  ArrayBuffer held strongly until the current job ends (fresh), then weakly
 *  (young), or strongly again once a scan found C holding a pointer into it
 *  (kept). (A WeakRef costs more than the rest of a pin: only pins still
 *  unscanned when their job ends get one.) */
const enum State {
  Parked,
  Fresh,
  Young,
  Kept,
}

/** The wasm block of an addon-made ArrayBuffer. */
export class Pin {
  state = State.Parked;
  /** Position in its PinState list while synced. */
  index = 0;
  /** napi_refs held on the buffer or a view of it (they keep it synced). */
  refs = 0;
  /** The ArrayBuffer died and the block was freed or handed back. */
  released = false;
  constructor(
    readonly ptr: number,
    readonly size: number,
    /** The runtime allocated the block (and frees it); else it is C's memory. */
    readonly owned: boolean,
    /** Never parked (an external buffer over static memory). */
    readonly sticky: boolean,
  ) {}
}

interface Pinned {
  env: Env;
  pin: Pin;
  /** A byte view of the whole ArrayBuffer; lives exactly as long as it. */
  bytes: Uint8Array;
}

type Ref<T> = { deref(): T | undefined };
const weakRef: <T extends object>(value: T) => Ref<T> =
  typeof WeakRef === 'function' ? (value) => new WeakRef(value) : (value) => ({ deref: () => value });

/** The pin on an ArrayBuffer (slots.ts: it lives as long as the buffer). */
const pinnedSlot = createSlot<Pinned>();

/** `buffer`'s pin if this env made it (another addon's pointer means nothing here). */
function pinnedOf(env: Env, buffer: ArrayBufferLike): Pinned | undefined {
  const pinned = pinnedSlot.get(buffer);
  return pinned !== undefined && pinned.env === env ? pinned : undefined;
}

/** Synced pins of one state, and their byte views (or weak refs to them). */
class Synced<V> {
  readonly pins: Pin[] = [];
  readonly views: V[] = [];
}

/** An env's pins (Env.pins). */
export class PinState {
  readonly fresh = new Synced<Uint8Array>();
  readonly young = new Synced<Ref<Uint8Array>>();
  readonly kept = new Synced<Uint8Array>();
  /** Pins synced (all three lists): 0 when none needs syncing. */
  synced = 0;
  /** A microtask will turn fresh pins young when the current job ends. */
  aging = false;
  /** Pins not yet released (0: dataPointer skips the lookup). */
  live = 0;
  /** Work syncing pins since the last retention scan, and what one costs
   *  (in bytes scanned; the scan's size when last measured). */
  work = 0;
  budget = 0;
  /** Lowest block address malloc has given the runtime: static data and the
   *  stack lie below it. */
  heapFloor = 0x7fffffff;
  /** The shadow stack, [stackLow, stackHigh), when the module exports its
   *  layout; else 0, 0 (then the scan reads it too). */
  stackLow = 0;
  stackHigh = 0;
  /** The module's napi_wasm_scan (napi-shims/memory/scan.c), and the block
   *  it reports hits in (malloc'd on first use); else the scan runs in JS. */
  scanner: WasmScan | undefined = undefined;
  hitsPtr = 0;
  /** Live pins of LARGE_PIN bytes or more (the scan skips their blocks). */
  readonly large: Pin[] = [];
  // Slabs: per size class (log2 of the block size), the free blocks, and the
  // next unused block of the class's current chunk and where that ends.
  readonly free: number[][] = [];
  readonly next: number[] = [];
  readonly end: number[] = [];
  /** Chunk addresses. */
  readonly chunks: number[] = [];
}

/** ArrayBuffers up to this size are mapped whole (only used ranges copied). */
const WHOLE_BUFFER_LIMIT = 1 << 20;
/** Scratch arena size per env, malloc'd on first use and kept. */
const ARENA_SIZE = 64 << 10;
const ALIGN = 16;
/** Copies up to this many bytes with a loop (cheaper than TypedArray#set). */
const SMALL_COPY = 64;
/** A pin's sync costs about this many scanned bytes, plus its own size. */
const PIN_COST = 512;
/** Blocks this large are malloc'd one by one; smaller ones come from slabs. */
const LARGE_PIN = 8192;
const SLAB_CHUNK = 64 << 10;
const MIN_CLASS = 4;
/** What any scan costs at least (calling it, sorting the pins), in scanned bytes. */
const MIN_SCAN_COST = 4096;
/** wasm-ld's default global base: nothing C owns lies below it. */
const GLOBAL_BASE = 1024;

type WasmScan = (from: number, to: number, lo: number, span: number, out: number, max: number) => number;
/** Hits napi_wasm_scan reports per call (their block: a count, then the words). */
const SCAN_HITS = 255;
const SCAN_HITS_BYTES = (SCAN_HITS + 1) * 4;
/** How many times cheaper a scanned byte is in wasm than in JS (measured:
 *  ~0.2 vs ~1.7 ns per word on a dense heap); the scan budget shrinks by it. */
const WASM_SCAN_SPEEDUP = 8;

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
    const pinned = pinnedOf(env, buffer);
    if (pinned !== undefined) return wake(env, pinned) + offset;
  }
  const end = offset + length;
  const borrows = env.borrows;
  const count = env.borrowCount;
  for (let i = 0; i < count; i++) {
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
  let b = borrows[count];
  if (b === undefined) borrows.push((b = new Borrow()));
  env.borrowCount = count + 1;
  b.buffer = buffer;
  b.base = base;
  b.size = size;
  b.ptr = ptr;
  b.owned = owned;
  if (b.ranges.length === 2) {
    b.ranges[0] = offset;
    b.ranges[1] = end;
  } else b.ranges = [offset, end];
  b.bytes = bytes;
  copyIn(env.heap.fresh().u8, ptr + offset - base, bytes);
  return ptr + offset - base;
}

// ---- pins ---------------------------------------------------------------------

/**
 * Pins a new ArrayBuffer the addon made (`bytes`: a view of all of it) in a
 * malloc'd block holding its contents. undefined if malloc failed.
 */
export function pinNew(env: Env, bytes: Uint8Array): Pin | undefined {
  const ptr = allocate(env, bytes.length);
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
  return env.pins.live !== 0 ? pinnedOf(env, buffer)?.pin : undefined;
}

/** A napi_ref was taken (+1) on, or deleted (-1) from, a pinned buffer or a view of it. */
export function refPin(env: Env, buffer: ArrayBufferLike, delta: number): void {
  const pinned = env.pins.live !== 0 ? pinnedOf(env, buffer) : undefined;
  if (pinned === undefined) return;
  pinned.pin.refs += delta;
  if (delta > 0) wake(env, pinned);
}

/** Stops syncing a pin whose buffer JS detached (its bytes are gone). */
export function detachPin(env: Env, pin: Pin): void {
  unsync(env.pins, pin);
  pin.refs = 0;
}

/** The ArrayBuffer of `pin` died: frees the block (an owned one). */
export function releasePin(env: Env, pin: Pin): void {
  if (pin.released) return;
  pin.released = true;
  const pins = env.pins;
  pins.live--;
  unsync(pins, pin);
  if (pin.size >= LARGE_PIN) pins.large.splice(pins.large.indexOf(pin), 1);
  if (pin.owned) release(env, pin.ptr, pin.size);
}

/** Size class of a small block: log2 of its size rounded up, at least 16 bytes. */
function sizeClass(size: number): number {
  return Math.max(MIN_CLASS, 32 - Math.clz32(size - 1));
}

/** A block for a new pin: from a slab, or malloc'd if large. 0 if none. */
function allocate(env: Env, size: number): number {
  if (size >= LARGE_PIN) return malloc(env, size);
  const pins = env.pins;
  const c = sizeClass(size);
  const reuse = pins.free[c]?.pop();
  if (reuse !== undefined) return reuse;
  if (pins.next[c] === undefined || pins.next[c]! + (1 << c) > pins.end[c]!) {
    const chunk = malloc(env, SLAB_CHUNK);
    if (chunk === 0) return 0;
    pins.chunks.push(chunk);
    pins.next[c] = chunk;
    pins.end[c] = chunk + SLAB_CHUNK;
    pins.free[c] ??= [];
  }
  const ptr = pins.next[c]!;
  pins.next[c] = ptr + (1 << c);
  return ptr;
}

function release(env: Env, ptr: number, size: number): void {
  if (size >= LARGE_PIN) env.free(ptr);
  else env.pins.free[sizeClass(size)]!.push(ptr);
}

/** Takes the module's memory layout from its exports, where it has them. */
export function attachLayout(env: Env, exports: WebAssembly.Exports): void {
  if (typeof exports.napi_wasm_scan === 'function') env.pins.scanner = exports.napi_wasm_scan as WasmScan;
  const dataEnd = exports.__data_end;
  const heapBase = exports.__heap_base;
  if (!(dataEnd instanceof WebAssembly.Global) || !(heapBase instanceof WebAssembly.Global)) return;
  const low = ((dataEnd.value as number) + ALIGN - 1) & ~(ALIGN - 1);
  const high = heapBase.value as number;
  if (low <= high) {
    env.pins.stackLow = low;
    env.pins.stackHigh = high;
  }
}

function track(env: Env, pin: Pin, bytes: Uint8Array): void {
  const pins = env.pins;
  pinnedSlot.set(bytes.buffer, { env, pin, bytes });
  pins.live++;
  if (pin.size >= LARGE_PIN) pins.large.push(pin);
  addFresh(env, pin, bytes);
}

function add<V>(pins: PinState, list: Synced<V>, state: State, pin: Pin, view: V): void {
  pin.state = state;
  pin.index = list.pins.length;
  list.pins.push(pin);
  list.views.push(view);
  pins.synced++;
}

function listOf(pins: PinState, state: State): Synced<unknown> {
  return state === State.Fresh ? pins.fresh : state === State.Young ? pins.young : pins.kept;
}

/** A new or woken pin: synced, held until the current job ends. */
function addFresh(env: Env, pin: Pin, bytes: Uint8Array): void {
  const pins = env.pins;
  add(pins, pins.fresh, State.Fresh, pin, bytes);
  if (!pins.aging) {
    pins.aging = true;
    queueMicrotask(() => age(pins));
  }
}

/** The job ended: fresh pins are held weakly from now on. */
function age(pins: PinState): void {
  pins.aging = false;
  const { pins: list, views } = pins.fresh;
  while (list.length !== 0) {
    const pin = list[list.length - 1]!;
    const bytes = views[views.length - 1]!;
    unsync(pins, pin);
    add(pins, pins.young, State.Young, pin, weakRef(bytes));
  }
}

/** Takes a pin out of its synced list (it is parked after). */
function unsync(pins: PinState, pin: Pin): void {
  if (pin.state === State.Parked) return;
  const { pins: list, views } = listOf(pins, pin.state);
  const last = list.length - 1;
  list[pin.index] = list[last]!;
  views[pin.index] = views[last];
  list[pin.index]!.index = pin.index;
  list.pop();
  views.pop();
  pin.state = State.Parked;
  pins.synced--;
}

/** A parked pin C reaches again: JS's bytes are the current ones. */
function wake(env: Env, { pin, bytes }: Pinned): number {
  if (pin.state === State.Parked && !pin.released) {
    copyIn(env.heap.fresh().u8, pin.ptr, bytes);
    addFresh(env, pin, bytes);
  }
  return pin.ptr;
}

/** The byte view of a synced pin (undefined for a young one whose buffer died). */
function viewOf(pins: PinState, pin: Pin): Uint8Array | undefined {
  return pin.state === State.Young ? pins.young.views[pin.index]!.deref() : (listOf(pins, pin.state).views[pin.index] as Uint8Array);
}

/** Copies every synced pin one way; drops young pins whose buffer died. */
function syncPins(env: Env, u8: Uint8Array, out: boolean): void {
  const pins = env.pins;
  let work = syncList(u8, pins.fresh, out) + syncList(u8, pins.kept, out);
  const { pins: young, views } = pins.young;
  for (let i = 0; i < young.length; i++) {
    const bytes = views[i]!.deref();
    if (bytes === undefined) {
      unsync(pins, young[i--]!); // the registry frees the block
      continue;
    }
    if (out) copyOut(u8, young[i]!.ptr, bytes);
    else copyIn(u8, young[i]!.ptr, bytes);
    work += PIN_COST + bytes.length;
  }
  pins.work += work;
}

function syncList(u8: Uint8Array, { pins, views }: Synced<Uint8Array>, out: boolean): number {
  let work = 0;
  for (let i = 0; i < pins.length; i++) {
    if (out) copyOut(u8, pins[i]!.ptr, views[i]!);
    else copyIn(u8, pins[i]!.ptr, views[i]!);
    work += PIN_COST + views[i]!.length;
  }
  return work;
}

/**
 * The retention scan: a synced pin nothing in wasm memory points into (no
 * word in [ptr, ptr + size]) is parked unless a napi_ref holds it; a young
 * one something points into is kept. Conservative: any word that happens to
 * look like such a pointer keeps a pin synced.
 */
function retentionScan(env: Env): void {
  const pins = env.pins;
  pins.work = 0;
  const candidates = [...pins.fresh.pins, ...pins.young.pins, ...pins.kept.pins].filter((p) => p.refs === 0 && !p.sticky);
  if (candidates.length === 0) return;
  candidates.sort((a, b) => a.ptr - b.ptr);
  const reached = new Uint8Array(candidates.length);
  const lo = candidates[0]!.ptr;
  let hi = lo;
  for (const p of candidates) hi = Math.max(hi, p.ptr + p.size);
  const scan = scannerOf(env);
  const memoryEnd = env.heap.fresh().u8.length;
  // In 4-byte words: skipped regions shrink to whole words, scanned ones grow.
  let from = GLOBAL_BASE;
  for (const [start, end] of skippedRegions(env)) {
    const upTo = (start + 3) & ~3;
    if (upTo > from) scan(env, from, upTo, lo, hi - lo, candidates, reached);
    from = Math.max(from, end & ~3);
  }
  scan(env, from, memoryEnd & ~3, lo, hi - lo, candidates, reached);
  for (let k = 0; k < candidates.length; k++) {
    const pin = candidates[k]!;
    if (reached[k] === 0) unsync(pins, pin);
    else if (pin.state !== State.Kept) {
      const bytes = viewOf(pins, pin);
      unsync(pins, pin);
      if (bytes !== undefined) add(pins, pins.kept, State.Kept, pin, bytes);
    }
  }
}

/** What the retention scan costs, in bytes scanned by JS (the unit pin syncs
 *  are counted in). */
function scanCost(env: Env): number {
  let size = env.heap.u8.length - GLOBAL_BASE;
  for (const [start, end] of skippedRegions(env)) size -= end - start;
  if (env.pins.scanner !== undefined) size /= WASM_SCAN_SPEEDUP;
  return Math.max(size, MIN_SCAN_COST);
}

/** Sorted, disjoint [start, end) regions holding no pointer C kept: the
 *  scratch arena, the scan's hits block, the stack (when known) and large
 *  pinned blocks. */
function skippedRegions(env: Env): [number, number][] {
  const pins = env.pins;
  const regions: [number, number][] = pins.large.map((p) => [p.ptr, p.ptr + p.size]);
  for (const chunk of pins.chunks) regions.push([chunk, chunk + SLAB_CHUNK]);
  if (env.scratchPtr !== 0) regions.push([env.scratchPtr, env.scratchPtr + ARENA_SIZE]);
  if (pins.hitsPtr !== 0) regions.push([pins.hitsPtr, pins.hitsPtr + SCAN_HITS_BYTES]);
  if (pins.stackHigh !== 0) regions.push([pins.stackLow, pins.stackHigh]);
  return regions.sort((a, b) => a[0] - b[0]);
}

type Scan = (env: Env, from: number, to: number, lo: number, span: number, candidates: Pin[], reached: Uint8Array) => void;

/** The module's own scanner when it has one and its hits block could be had. */
function scannerOf(env: Env): Scan {
  const pins = env.pins;
  if (pins.scanner !== undefined && pins.hitsPtr === 0) pins.hitsPtr = malloc(env, SCAN_HITS_BYTES);
  return pins.scanner !== undefined && pins.hitsPtr !== 0 ? scanInWasm : scanInJs;
}

/** Marks reached[k] for each candidate some word in bytes [from, to) points
 *  into: napi_wasm_scan reports the words in [lo, lo + span], a block of
 *  hits at a time. */
function scanInWasm(env: Env, from: number, to: number, lo: number, span: number, candidates: Pin[], reached: Uint8Array): void {
  const { scanner, hitsPtr } = env.pins;
  while (from < to) {
    from = scanner!(from, to, lo, span, hitsPtr, SCAN_HITS) >>> 0;
    const words = env.heap.fresh().i32;
    const first = (hitsPtr >> 2) + 1;
    for (let i = 0, n = words[hitsPtr >> 2]!; i < n; i++) reach(words[first + i]! >>> 0, candidates, reached);
  }
}

/** The same in JS: one unsigned range test per word, which rarely passes. */
function scanInJs(env: Env, from: number, to: number, lo: number, span: number, candidates: Pin[], reached: Uint8Array): void {
  const words = env.heap.i32;
  for (let i = from >> 2, end = to >> 2; i < end; i++) {
    const w = words[i]!;
    if ((w - lo) >>> 0 <= span) reach(w >>> 0, candidates, reached);
  }
}

/** The last candidate starting at or below `address`, marked if it holds it. */
function reach(address: number, candidates: Pin[], reached: Uint8Array): void {
  let a = 0;
  let b = candidates.length - 1;
  while (a < b) {
    const m = (a + b + 1) >> 1;
    if (candidates[m]!.ptr <= address) a = m;
    else b = m - 1;
  }
  if (address <= candidates[a]!.ptr + candidates[a]!.size) reached[a] = 1;
}

// ---- sync points --------------------------------------------------------------

/** Call when a native call starts (JS may have written since). */
export function enterNative(env: Env): void {
  if (env.borrowCount !== 0 || env.pins.synced !== 0) syncIn(env);
}

/**
 * Call when a native call ends: copy back and, for the outermost call, release
 * the borrows (`completed` false: it trapped and memory cannot be trusted).
 */
export function leaveNative(env: Env, depth: number, completed: boolean): void {
  if (env.borrowCount === 0 && env.pins.synced === 0) return;
  if (depth === 1) releaseBorrows(env, completed);
  else if (completed) syncOut(env);
}

/** Call before the runtime runs JS on C's behalf. */
export function beforeRunningJs(env: Env): void {
  if (env.borrowCount !== 0 || env.pins.synced !== 0) syncOut(env);
}

/** Call after that JS returned (or threw). */
export function afterRunningJs(env: Env): void {
  if (env.borrowCount !== 0 || env.pins.synced !== 0) syncIn(env);
}

/** Copies wasm → JS for every borrowed range and active pin. */
function syncOut(env: Env): void {
  const borrows = env.borrows;
  const u8 = env.heap.fresh().u8;
  for (let i = 0, n = env.borrowCount; i < n; i++) {
    const b = borrows[i]!;
    if (b.bytes !== undefined) copyOut(u8, b.ptr + b.ranges[0]! - b.base, b.bytes);
    else forEachLiveRange(b, (start, bytes) => copyOut(u8, b.ptr + start - b.base, bytes));
  }
  if (env.pins.synced !== 0) syncPins(env, u8, true);
}

/** Copies JS → wasm for every borrowed range and active pin (after JS may have written). */
function syncIn(env: Env): void {
  const borrows = env.borrows;
  const u8 = env.heap.fresh().u8;
  for (let i = 0, n = env.borrowCount; i < n; i++) {
    const b = borrows[i]!;
    if (b.bytes !== undefined) copyIn(u8, b.ptr + b.ranges[0]! - b.base, b.bytes);
    else forEachLiveRange(b, (start, bytes) => copyIn(u8, b.ptr + start - b.base, bytes));
  }
  if (env.pins.synced !== 0) syncPins(env, u8, false);
}

/**
 * End of the outermost native call: copy back (unless the call trapped and
 * memory cannot be trusted), free what was malloc'd, reset the arena, and
 * park pins C can no longer reach once syncing them has cost a scan.
 */
function releaseBorrows(env: Env, copyBack: boolean): void {
  if (copyBack) syncOut(env);
  const borrows = env.borrows;
  for (let i = 0, n = env.borrowCount; i < n; i++) {
    const b = borrows[i]!;
    b.buffer = NO_BUFFER; // the pool must not keep JS buffers alive
    b.bytes = undefined;
    if (!b.owned) continue;
    try {
      env.free(b.ptr);
    } catch {
      // A heap a trap left corrupt may trap again in free(); leak the block.
    }
  }
  env.borrowCount = 0;
  env.scratchTop = 0;
  if (copyBack && env.pins.work > env.pins.budget) {
    env.pins.budget = scanCost(env);
    if (env.pins.work > env.pins.budget) retentionScan(env);
  }
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

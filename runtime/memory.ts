// Views over an addon's wasm linear memory, and string encode/decode between
// JS strings and bytes in that memory.
//
// memory.grow() detaches every view of the old buffer (its length becomes 0),
// so callers get the views through `heap.fresh()`, which rebuilds them only
// in that case. One Heap per addon; no view or DataView is allocated per call.
// The test is `u8.length === 0`: V8 optimizes a typed array's length to a
// field load, while byteLength costs several nanoseconds per access.

export class Heap {
  memory: WebAssembly.Memory | undefined = undefined;
  /** memory.buffer as of the last refresh (a getter call saved). */
  buffer: ArrayBufferLike = new ArrayBuffer(0);
  u8 = new Uint8Array(0);
  u16 = new Uint16Array(0);
  i32 = new Int32Array(0);
  f64 = new Float64Array(0);
  dv = new DataView(new ArrayBuffer(0));
  /** The memory is a SharedArrayBuffer (TextDecoder refuses shared views). */
  shared = false;
  /** Recently decoded short ASCII C strings, by address (see readUtf8Z). */
  readonly recentPtr = new Int32Array(RECENT_STRINGS);
  readonly recentString: string[] = new Array<string>(RECENT_STRINGS).fill('');

  attach(memory: WebAssembly.Memory): void {
    this.memory = memory;
    this.refresh();
  }

  /** The views, rebuilt if memory.grow() detached them. */
  fresh(): this {
    if (this.u8.length === 0) this.refresh();
    return this;
  }

  refresh(): void {
    if (this.memory === undefined) return;
    const buffer = this.memory.buffer;
    this.buffer = buffer;
    this.u8 = new Uint8Array(buffer);
    this.u16 = new Uint16Array(buffer, 0, buffer.byteLength >>> 1);
    this.i32 = new Int32Array(buffer, 0, buffer.byteLength >>> 2);
    this.f64 = new Float64Array(buffer, 0, buffer.byteLength >>> 3);
    this.dv = new DataView(buffer);
    this.shared = !(buffer instanceof ArrayBuffer);
  }
}

// ---- scalar stores and loads (pointers are byte addresses) ----------------

export function storeI32(heap: Heap, ptr: number, value: number): void {
  heap.fresh().i32[ptr >> 2] = value;
}

export function storeU8(heap: Heap, ptr: number, value: number): void {
  heap.fresh().u8[ptr] = value;
}

export function storeF64(heap: Heap, ptr: number, value: number): void {
  heap.fresh().dv.setFloat64(ptr, value, true);
}

const TWO_32 = 4294967296;

/** Stores an integral double (|value| < 2^63) as int64 without a BigInt. */
export function storeI64FromNumber(heap: Heap, ptr: number, value: number): void {
  const hi = Math.floor(value / TWO_32);
  const lo = value - hi * TWO_32;
  const dv = heap.fresh().dv;
  dv.setUint32(ptr, lo, true);
  dv.setInt32(ptr + 4, hi, true);
}

export function storeI64(heap: Heap, ptr: number, value: bigint): void {
  heap.fresh().dv.setBigInt64(ptr, value, true);
}

// ---- C strings --------------------------------------------------------------

/** NAPI_AUTO_LENGTH (SIZE_MAX) as it arrives in a wasm32 i32 parameter. */
export const AUTO_LENGTH = -1;

/** Bytes before the first NUL at `ptr`. */
export function strlen(heap: Heap, ptr: number): number {
  const u8 = heap.fresh().u8;
  const end = u8.indexOf(0, ptr);
  return (end < 0 ? u8.length : end) - ptr;
}

/** UTF-16 code units before the first 0 unit at `ptr`. */
export function strlen16(heap: Heap, ptr: number): number {
  const h = heap.fresh();
  if ((ptr & 1) === 0) {
    const u16 = h.u16;
    let i = ptr >>> 1;
    while (i < u16.length && u16[i] !== 0) i++;
    return i - (ptr >>> 1);
  }
  const u8 = h.u8;
  let n = 0;
  while (ptr + 2 * n + 1 < u8.length && (u8[ptr + 2 * n]! | u8[ptr + 2 * n + 1]!) !== 0) n++;
  return n;
}

// Size of Heap's table of recently decoded C strings (a power of 2).
const RECENT_STRINGS = 256;
// Below this many bytes a plain loop beats a TextDecoder/TextEncoder call.
const SHORT_STRING = 32;
// fromCharCode.apply is given at most this many arguments at once.
const CHUNK = 8192;

// Made on first use: Node loads its encoding module for the first
// TextDecoder (~0.15 ms of start-up), and with Buffer (below) it is rarely needed.
let utf8Decoder: TextDecoder | undefined;
const utf8Encoder = new TextEncoder();

// Where the host has Node's Buffer, its own UTF-8 conversions: V8's
// NewFromUtf8 and WriteUtf8, the ones Node's Node-API uses (the same U+FFFD
// replacement, no character split at the end), and 20-40 ns per call cheaper
// than TextDecoder/TextEncoder. Found by feature test, not imported.
interface NodeUtf8 {
  utf8Slice(this: Uint8Array, start: number, end: number): string;
  utf8Write(this: Uint8Array, s: string, offset: number, length: number): number;
}
const nodeBuffer = (globalThis as { Buffer?: { prototype?: Partial<NodeUtf8> } }).Buffer?.prototype;
const nodeUtf8: NodeUtf8 | undefined =
  typeof nodeBuffer?.utf8Slice === 'function' && typeof nodeBuffer.utf8Write === 'function' ? (nodeBuffer as NodeUtf8) : undefined;

const fromCharCode = String.fromCharCode;

/**
 * `length` bytes at `ptr` as a string if they are all ASCII, else undefined.
 * Eight characters per fromCharCode call: a string built one character at a
 * time costs an allocation per character (16 bytes: ~120 ns vs ~30 ns).
 */
function asciiString(u8: Uint8Array, ptr: number, length: number): string | undefined {
  let s = '';
  let i = ptr;
  const end = ptr + length;
  for (; i + 8 <= end; i += 8) {
    const a = u8[i]!, b = u8[i + 1]!, c = u8[i + 2]!, d = u8[i + 3]!;
    const e = u8[i + 4]!, f = u8[i + 5]!, g = u8[i + 6]!, h = u8[i + 7]!;
    if ((a | b | c | d | e | f | g | h) >= 0x80) return undefined;
    s += fromCharCode(a, b, c, d, e, f, g, h);
  }
  // The last 0-7 characters in one call too (a 5-character string: 16 ns, not 28).
  let bits = 0;
  for (let k = i; k < end; k++) bits |= u8[k]!;
  if (bits >= 0x80) return undefined;
  switch (end - i) {
    case 0:
      return s;
    case 1:
      return s + fromCharCode(u8[i]!);
    case 2:
      return s + fromCharCode(u8[i]!, u8[i + 1]!);
    case 3:
      return s + fromCharCode(u8[i]!, u8[i + 1]!, u8[i + 2]!);
    case 4:
      return s + fromCharCode(u8[i]!, u8[i + 1]!, u8[i + 2]!, u8[i + 3]!);
    case 5:
      return s + fromCharCode(u8[i]!, u8[i + 1]!, u8[i + 2]!, u8[i + 3]!, u8[i + 4]!);
    case 6:
      return s + fromCharCode(u8[i]!, u8[i + 1]!, u8[i + 2]!, u8[i + 3]!, u8[i + 4]!, u8[i + 5]!);
    default:
      return s + fromCharCode(u8[i]!, u8[i + 1]!, u8[i + 2]!, u8[i + 3]!, u8[i + 4]!, u8[i + 5]!, u8[i + 6]!);
  }
}

/**
 * Decodes `length` bytes of UTF-8. Invalid sequences become U+FFFD the WHATWG
 * way (as V8 does); a byte-order mark is kept.
 */
export function readUtf8(heap: Heap, ptr: number, length: number): string {
  const h = heap.fresh();
  const u8 = h.u8;
  if (length <= SHORT_STRING) {
    const s = asciiString(u8, ptr, length);
    if (s !== undefined) return s;
  }
  if (nodeUtf8 !== undefined && !h.shared) return nodeUtf8.utf8Slice.call(u8, ptr, ptr + length);
  const bytes = u8.subarray(ptr, ptr + length);
  utf8Decoder ??= new TextDecoder('utf-8', { ignoreBOM: true });
  return utf8Decoder.decode(h.shared ? bytes.slice() : bytes);
}

/**
 * Decodes the NUL-terminated UTF-8 string at `ptr`. Short ASCII strings are
 * decoded while looking for the NUL, in one pass, and remembered by address:
 * C passes the same literals (property names, messages) again and again, and
 * checking the bytes is cheaper than building a new string. Returning the
 * same string also lets the engine keep it internalized as a property key.
 */
export function readUtf8Z(heap: Heap, ptr: number): string {
  const u8 = heap.fresh().u8;
  const slot = ((ptr >>> 2) ^ (ptr >>> 9)) & (RECENT_STRINGS - 1);
  if (heap.recentPtr[slot] === ptr) {
    const known = heap.recentString[slot]!;
    const n = known.length;
    let i = 0;
    while (i < n && u8[ptr + i] === known.charCodeAt(i)) i++;
    if (i === n && u8[ptr + n] === 0) return known;
  }
  const end = Math.min(u8.length, ptr + SHORT_STRING);
  let s = '';
  for (let i = ptr; i < end; i++) {
    const c = u8[i]!;
    if (c === 0) {
      heap.recentPtr[slot] = ptr;
      heap.recentString[slot] = s;
      return s;
    }
    if (c >= 0x80) break;
    s += String.fromCharCode(c);
  }
  return readUtf8(heap, ptr, strlen(heap, ptr));
}

/** Each byte is one character (ISO-8859-1). */
export function readLatin1(heap: Heap, ptr: number, length: number): string {
  const u8 = heap.fresh().u8;
  if (length <= SHORT_STRING) {
    let s = '';
    for (let i = 0; i < length; i++) s += String.fromCharCode(u8[ptr + i]!);
    return s;
  }
  let s = '';
  for (let i = 0; i < length; i += CHUNK) {
    const part = u8.subarray(ptr + i, ptr + Math.min(length, i + CHUNK));
    s += String.fromCharCode.apply(null, part as unknown as number[]);
  }
  return s;
}

/** `length` UTF-16 code units, lone surrogates kept (as V8 does). */
export function readUtf16(heap: Heap, ptr: number, length: number): string {
  const h = heap.fresh();
  if ((ptr & 1) !== 0) {
    const u8 = h.u8;
    let s = '';
    for (let i = 0; i < length; i++) s += String.fromCharCode(u8[ptr + 2 * i]! | (u8[ptr + 2 * i + 1]! << 8));
    return s;
  }
  const start = ptr >>> 1;
  const u16 = h.u16;
  if (length <= SHORT_STRING) {
    let s = '';
    for (let i = 0; i < length; i++) s += String.fromCharCode(u16[start + i]!);
    return s;
  }
  let s = '';
  for (let i = 0; i < length; i += CHUNK) {
    const part = u16.subarray(start + i, start + Math.min(length, i + CHUNK));
    s += String.fromCharCode.apply(null, part as unknown as number[]);
  }
  return s;
}

/** Length in bytes of `s` as UTF-8, a lone surrogate counting 3 (U+FFFD). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // 4 bytes for the 2 units of a surrogate pair
      i++;
    } else n += 2;
  }
  return n;
}

/**
 * Writes `s` as UTF-8 at `ptr`, at most `capacity` bytes, never splitting a
 * character; lone surrogates become U+FFFD. Returns the bytes written. Writes
 * no terminating NUL.
 */
export function writeUtf8(heap: Heap, s: string, ptr: number, capacity: number): number {
  const h = heap.fresh();
  if (s.length > SHORT_STRING) {
    if (nodeUtf8 !== undefined && !h.shared) return nodeUtf8.utf8Write.call(h.u8, s, ptr, capacity);
    return utf8Encoder.encodeInto(s, h.u8.subarray(ptr, ptr + capacity)).written!;
  }
  const u8 = h.u8;
  const n = s.length;
  // The ASCII prefix, when the whole string fits: no capacity check per character.
  let first = 0;
  if (n <= capacity) {
    for (; first < n; first++) {
      const c = s.charCodeAt(first);
      if (c >= 0x80) break;
      u8[ptr + first] = c;
    }
    if (first === n) return n;
  }
  let at = ptr + first;
  const end = ptr + capacity;
  for (let i = first; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      if (at >= end) break;
      u8[at++] = c;
      continue;
    }
    if (c < 0x800) {
      if (at + 2 > end) break;
      u8[at++] = 0xc0 | (c >> 6);
      u8[at++] = 0x80 | (c & 0x3f);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && (next & 0xfc00) === 0xdc00) {
        if (at + 4 > end) break;
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        u8[at++] = 0xf0 | (cp >> 18);
        u8[at++] = 0x80 | ((cp >> 12) & 0x3f);
        u8[at++] = 0x80 | ((cp >> 6) & 0x3f);
        u8[at++] = 0x80 | (cp & 0x3f);
        i++;
        continue;
      }
      c = 0xfffd;
    }
    if (at + 3 > end) break;
    u8[at++] = 0xe0 | (c >> 12);
    u8[at++] = 0x80 | ((c >> 6) & 0x3f);
    u8[at++] = 0x80 | (c & 0x3f);
  }
  return at - ptr;
}

/** Writes the low byte of the first `count` UTF-16 units of `s`. */
export function writeLatin1(heap: Heap, s: string, ptr: number, count: number): void {
  const u8 = heap.fresh().u8;
  for (let i = 0; i < count; i++) u8[ptr + i] = s.charCodeAt(i);
}

/** Writes the first `count` UTF-16 units of `s` (may split a surrogate pair). */
export function writeUtf16(heap: Heap, s: string, ptr: number, count: number): void {
  const h = heap.fresh();
  if ((ptr & 1) === 0) {
    const u16 = h.u16;
    const start = ptr >>> 1;
    for (let i = 0; i < count; i++) u16[start + i] = s.charCodeAt(i);
    return;
  }
  const u8 = h.u8;
  for (let i = 0; i < count; i++) {
    const c = s.charCodeAt(i);
    u8[ptr + 2 * i] = c;
    u8[ptr + 2 * i + 1] = c >> 8;
  }
}

/** Writes `s` plus a NUL as UTF-8 at `ptr`; returns the bytes including NUL. */
export function writeCString(heap: Heap, s: string, ptr: number): number {
  const n = utf8Encoder.encodeInto(s, heap.fresh().u8.subarray(ptr)).written!;
  heap.u8[ptr + n] = 0;
  return n + 1;
}

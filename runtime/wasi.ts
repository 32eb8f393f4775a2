// WASI preview1 for an addon's libc, without node:wasi (docs/wasi.md):
// stdio (stdout/stderr line-buffered to callbacks, stdin from a byte string),
// clocks, random bytes, args and environ (empty unless given), sched_yield,
// poll_oneoff, proc_exit, and files.
//
// Files are sandboxed: with no preopens (the default) no descriptor beyond
// stdio exists, so every file call fails as C expects (EBADF for a
// descriptor, ENOTCAPABLE for wasi-libc's path lookup) and nothing is
// touched. Preopened directories are served from the file system the host
// passes in: descriptors and file calls in wasi-files.ts, the sandboxed path
// resolver in wasi-fs.ts. instantiate.ts answers every import not defined
// here with ENOSYS.

import type { Heap } from './memory.js';
import { RIGHT_FD_READ, RIGHT_FD_WRITE, createFiles, iovecs, setU32, setU64, writeFilestat } from './wasi-files.js';
import { E, FILETYPE, type WasiFs } from './wasi-fs.js';

export type { WasiFs } from './wasi-fs.js';

export const ERRNO_SUCCESS = E.SUCCESS;
export const ERRNO_NOSYS = E.NOSYS;

const CLOCK_REALTIME = 0;
const CLOCK_MONOTONIC = 1;
const CLOCK_PROCESS_CPUTIME = 2;
const CLOCK_THREAD_CPUTIME = 3;

// fd_read | fd_write, and no fd_seek/fd_tell: wasi-libc's isatty() is then
// true, so stdio line-buffers stdout instead of waiting for exit (a reactor
// never exits).
const RIGHTS_STDIO = RIGHT_FD_READ | RIGHT_FD_WRITE;

const EVENTTYPE_CLOCK = 0;
const EVENTTYPE_FD_READ = 1;
const SUBCLOCKFLAGS_ABSTIME = 1;
const SUBSCRIPTION_SIZE = 48;
const EVENT_SIZE = 32;
/** A poll_oneoff sleep blocks the JS thread; it is cut off after this long. */
const MAX_SLEEP_MS = 10_000;

const RANDOM_CHUNK = 65536;

export interface WasiOptions {
  /** Addon name for error messages. */
  name: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** What reads from fd 0 get; then end of file. */
  stdin?: Uint8Array | string;
  args: readonly string[];
  env: Readonly<Record<string, string>>;
  /** Guest path → host directory. Needs `fs`. */
  preopens?: Readonly<Record<string, string>>;
  fs?: WasiFs;
}

/** Collects text and passes it on one line at a time (without the '\n'). */
class LineWriter {
  private decoder: TextDecoder | undefined = undefined; // made on first output (see memory.ts)
  private pending = '';

  constructor(private readonly sink: (text: string) => void) {}

  write(bytes: Uint8Array): void {
    this.decoder ??= new TextDecoder('utf-8', { ignoreBOM: true });
    this.pending += this.decoder.decode(bytes, { stream: true });
    let nl: number;
    while ((nl = this.pending.indexOf('\n')) >= 0) {
      const line = this.pending.slice(0, nl);
      this.pending = this.pending.slice(nl + 1);
      this.sink(line);
    }
  }

  /** Emits a final unterminated line, if any. */
  flush(): void {
    if (this.decoder !== undefined) this.pending += this.decoder.decode();
    if (this.pending !== '') this.sink(this.pending);
    this.pending = '';
  }
}

type WebCrypto = { getRandomValues<T extends Uint8Array>(a: T): T };
// Looked up on first use: in Node 20 the first read of globalThis.crypto loads
// WebCrypto, about 2 ms that an addon which never asks for randomness
// should not pay at start-up.
let webCryptoCache: WebCrypto | null | undefined;
function webCrypto(): WebCrypto | null {
  if (webCryptoCache === undefined) webCryptoCache = (globalThis as { crypto?: WebCrypto }).crypto ?? null;
  return webCryptoCache;
}
const perf = (globalThis as { performance?: { now(): number } }).performance;

function nowMs(): number {
  return perf !== undefined ? perf.now() : Date.now();
}

function nowNanoseconds(clock: number): bigint {
  if (clock === CLOCK_REALTIME || perf === undefined) return BigInt(Date.now()) * 1000000n;
  return BigInt(Math.round(perf.now() * 1e6));
}

let sleepCell: Int32Array | undefined | null;

/**
 * Blocks the thread for `ms` (at most MAX_SLEEP_MS): Atomics.wait where the
 * host allows it (Node, Deno, workers), else a busy-wait, which gives up if
 * the clock does not move (workerd stops it during a request).
 */
function sleep(ms: number): void {
  ms = Math.min(ms, MAX_SLEEP_MS);
  if (ms <= 0) return;
  if (sleepCell === undefined) {
    try {
      sleepCell = new Int32Array(new SharedArrayBuffer(4));
      Atomics.wait(sleepCell, 0, 0, 0);
    } catch {
      sleepCell = null;
    }
  }
  if (sleepCell !== null) {
    Atomics.wait(sleepCell, 0, 0, ms);
    return;
  }
  const start = nowMs();
  const end = start + ms;
  for (let spins = 0; nowMs() < end; spins++) if (spins > 1e6 && nowMs() === start) return;
}

function encodeStrings(list: readonly string[]): Uint8Array[] {
  const encoder = new TextEncoder();
  return list.map((s) => encoder.encode(`${s}\0`));
}

export type WasiFunction = (...args: never[]) => number | void;

export interface Wasi {
  imports: Record<string, WasiFunction>;
  /** Writes out unterminated stdout/stderr lines. */
  flush(): void;
}

export function createWasi(heap: Heap, options: WasiOptions): Wasi {
  const writers: (LineWriter | undefined)[] = [undefined, new LineWriter(options.stdout), new LineWriter(options.stderr)];
  const stdin = typeof options.stdin === 'string' ? new TextEncoder().encode(options.stdin) : (options.stdin ?? new Uint8Array(0));
  let stdinAt = 0;
  const args = encodeStrings(options.args);
  const environ = encodeStrings(Object.entries(options.env).map(([k, v]) => `${k}=${v}`));
  const files = createFiles(heap, options.name, options.preopens ?? {}, options.fs);
  const f = files.calls;
  const isStdio = (fd: number) => fd >= 0 && fd <= 2;

  /** args_sizes_get / environ_sizes_get */
  function sizes(list: Uint8Array[], countPtr: number, sizePtr: number): number {
    const dv = heap.fresh().dv;
    dv.setUint32(countPtr, list.length, true);
    dv.setUint32(sizePtr, list.reduce((n, s) => n + s.length, 0), true);
    return E.SUCCESS;
  }

  /** args_get / environ_get: pointers at `ptrs`, the strings at `buf`. */
  function strings(list: Uint8Array[], ptrs: number, buf: number): number {
    const h = heap.fresh();
    for (let i = 0; i < list.length; i++) {
      h.dv.setUint32(ptrs + 4 * i, buf, true);
      h.u8.set(list[i]!, buf);
      buf += list[i]!.length;
    }
    return E.SUCCESS;
  }

  const imports: Record<string, WasiFunction> = {
    // ---- stdio, then files (wasi-files.ts) ------------------------------------

    ...f,

    fd_write(fd: number, iovs: number, iovsLength: number, nwritten: number): number {
      const writer = writers[fd];
      if (writer === undefined) return f.fd_write(fd, iovs, iovsLength, nwritten);
      let total = 0;
      for (const bytes of iovecs(heap, iovs, iovsLength)) {
        writer.write(heap.shared ? bytes.slice() : bytes);
        total += bytes.length;
      }
      return setU32(heap, nwritten, total);
    },

    fd_read(fd: number, iovs: number, iovsLength: number, nread: number): number {
      if (!isStdio(fd)) return f.fd_read(fd, iovs, iovsLength, nread);
      if (fd !== 0) return E.BADF;
      let total = 0;
      for (const b of iovecs(heap, iovs, iovsLength)) {
        const n = Math.min(b.length, stdin.length - stdinAt);
        b.set(stdin.subarray(stdinAt, stdinAt + n));
        stdinAt += n;
        total += n;
      }
      return setU32(heap, nread, total);
    },

    fd_pwrite: (fd: number, iovs: number, n: number, offset: bigint, out: number) =>
      isStdio(fd) ? E.SPIPE : f.fd_pwrite(fd, iovs, n, offset, out),
    fd_pread: (fd: number, iovs: number, n: number, offset: bigint, out: number) =>
      isStdio(fd) ? E.SPIPE : f.fd_pread(fd, iovs, n, offset, out),
    fd_seek: (fd: number, offset: bigint, whence: number, out: number) => (isStdio(fd) ? E.SPIPE : f.fd_seek(fd, offset, whence, out)),
    fd_tell: (fd: number, out: number) => (isStdio(fd) ? E.SPIPE : f.fd_tell(fd, out)),
    fd_advise: (fd: number) => (isStdio(fd) ? E.SPIPE : f.fd_advise(fd)),
    fd_close: (fd: number) => (isStdio(fd) ? E.SUCCESS : f.fd_close(fd)),
    fd_sync: (fd: number) => (isStdio(fd) ? E.SUCCESS : f.fd_sync(fd)),
    fd_datasync: (fd: number) => (isStdio(fd) ? E.SUCCESS : f.fd_datasync(fd)),
    fd_fdstat_set_flags: (fd: number, flags: number) => (isStdio(fd) ? E.SUCCESS : f.fd_fdstat_set_flags(fd, flags)),
    fd_fdstat_set_rights: (fd: number) => (isStdio(fd) ? E.SUCCESS : f.fd_fdstat_set_rights(fd)),

    fd_fdstat_get(fd: number, stat: number): number {
      if (!isStdio(fd)) return f.fd_fdstat_get(fd, stat);
      const h = heap.fresh();
      h.u8.fill(0, stat, stat + 24);
      h.u8[stat] = FILETYPE.CHARACTER_DEVICE;
      h.dv.setBigUint64(stat + 8, RIGHTS_STDIO, true);
      return E.SUCCESS;
    },

    fd_filestat_get(fd: number, buf: number): number {
      if (!isStdio(fd)) return f.fd_filestat_get(fd, buf);
      writeFilestat(heap, buf, undefined, FILETYPE.CHARACTER_DEVICE);
      return E.SUCCESS;
    },

    // ---- sockets: there are none ----------------------------------------------

    sock_accept: (fd: number) => (files.isOpen(fd) || isStdio(fd) ? E.NOTSOCK : E.BADF),
    sock_recv: (fd: number) => (files.isOpen(fd) || isStdio(fd) ? E.NOTSOCK : E.BADF),
    sock_send: (fd: number) => (files.isOpen(fd) || isStdio(fd) ? E.NOTSOCK : E.BADF),
    sock_shutdown: (fd: number) => (files.isOpen(fd) || isStdio(fd) ? E.NOTSOCK : E.BADF),

    // ---- time, randomness, scheduling -------------------------------------------

    clock_res_get(clock: number, resolution: number): number {
      if (clock < CLOCK_REALTIME || clock > CLOCK_THREAD_CPUTIME) return E.INVAL;
      return setU64(heap, resolution, clock === CLOCK_REALTIME ? 1000000n : 1000n);
    },

    clock_time_get(clock: number, _precision: bigint, time: number): number {
      if (clock !== CLOCK_REALTIME && clock !== CLOCK_MONOTONIC && clock !== CLOCK_PROCESS_CPUTIME && clock !== CLOCK_THREAD_CPUTIME) {
        return E.INVAL;
      }
      return setU64(heap, time, nowNanoseconds(clock));
    },

    random_get(buf: number, length: number): number {
      const crypto = webCrypto();
      if (crypto === null) return E.NOSYS;
      const h = heap.fresh();
      for (let at = 0; at < length; at += RANDOM_CHUNK) {
        const part = h.u8.subarray(buf + at, buf + Math.min(length, at + RANDOM_CHUNK));
        if (h.shared) part.set(crypto.getRandomValues(new Uint8Array(part.length)));
        else crypto.getRandomValues(part);
      }
      return E.SUCCESS;
    },

    sched_yield(): number {
      return E.SUCCESS;
    },

    /**
     * Clock subscriptions sleep (see sleep()) until the earliest deadline,
     * unless a descriptor subscription is ready, which is always at once:
     * stdio and files never block here.
     */
    poll_oneoff(input: number, output: number, count: number, neventsPtr: number): number {
      if (count === 0) return E.INVAL;
      const h = heap.fresh();
      const subs: { userdata: bigint; type: number; deadline: number; fd: number }[] = [];
      for (let i = 0; i < count; i++) {
        const at = input + i * SUBSCRIPTION_SIZE;
        const type = h.u8[at + 8]!;
        let deadline = 0;
        if (type === EVENTTYPE_CLOCK) {
          const clock = h.dv.getUint32(at + 16, true);
          const timeout = h.dv.getBigUint64(at + 24, true);
          const absolute = (h.dv.getUint16(at + 40, true) & SUBCLOCKFLAGS_ABSTIME) !== 0;
          const now = nowNanoseconds(clock === CLOCK_REALTIME ? CLOCK_REALTIME : CLOCK_MONOTONIC);
          deadline = nowMs() + Number((absolute ? timeout - now : timeout) / 1000n) / 1000;
        }
        subs.push({ userdata: h.dv.getBigUint64(at, true), type, deadline, fd: h.dv.getUint32(at + 16, true) });
      }
      const fdReady = subs.some((s) => s.type !== EVENTTYPE_CLOCK);
      if (!fdReady) sleep(Math.min(...subs.map((s) => s.deadline)) - nowMs());
      const now = nowMs();
      let n = 0;
      for (const s of subs) {
        if (s.type === EVENTTYPE_CLOCK && fdReady && s.deadline > now) continue;
        const at = output + n++ * EVENT_SIZE;
        const o = heap.fresh();
        o.u8.fill(0, at, at + EVENT_SIZE);
        o.dv.setBigUint64(at, s.userdata, true);
        o.u8[at + 10] = s.type;
        if (s.type === EVENTTYPE_CLOCK) continue;
        const known = isStdio(s.fd) || files.isFile(s.fd);
        if (!known) o.dv.setUint16(at + 8, E.BADF, true);
        else if (s.type === EVENTTYPE_FD_READ && s.fd === 0) o.dv.setBigUint64(at + 16, BigInt(stdin.length - stdinAt), true);
      }
      return setU32(heap, neventsPtr, n);
    },

    // ---- process ----------------------------------------------------------------

    args_sizes_get: (count: number, size: number) => sizes(args, count, size),
    args_get: (ptrs: number, buf: number) => strings(args, ptrs, buf),
    environ_sizes_get: (count: number, size: number) => sizes(environ, count, size),
    environ_get: (ptrs: number, buf: number) => strings(environ, ptrs, buf),

    proc_exit(code: number): void {
      writers[1]!.flush();
      writers[2]!.flush();
      throw Object.assign(new Error(`${options.name}: the addon called exit(${code})`), { exitCode: code });
    },

    proc_raise(): number {
      return E.NOSYS;
    },
  };

  return {
    imports,
    flush() {
      writers[1]!.flush();
      writers[2]!.flush();
    },
  };
}

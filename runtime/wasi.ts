// The WASI preview1 functions an addon's libc needs, without node:wasi:
// stdout/stderr (line-buffered to callbacks), clocks, random bytes, args and
// environ. There are no files: no preopens, other descriptors are EBADF, and
// instantiate.ts answers every import not defined here with ENOSYS.

import type { Heap } from './memory.js';

export const ERRNO_SUCCESS = 0;
const ERRNO_BADF = 8;
const ERRNO_INVAL = 28;
export const ERRNO_NOSYS = 52;
const ERRNO_SPIPE = 70;

const CLOCK_REALTIME = 0;
const CLOCK_MONOTONIC = 1;
const CLOCK_PROCESS_CPUTIME = 2;
const CLOCK_THREAD_CPUTIME = 3;

const FILETYPE_CHARACTER_DEVICE = 2;
// fd_read | fd_write, and no fd_seek/fd_tell: wasi-libc's isatty() is then
// true, so stdio line-buffers stdout instead of waiting for exit (a reactor
// never exits).
const RIGHTS_STDIO = (1n << 1n) | (1n << 6n);

const RANDOM_CHUNK = 65536;

export interface WasiOptions {
  /** Addon name for error messages. */
  name: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  args: readonly string[];
  env: Readonly<Record<string, string>>;
}

/** Collects text and passes it on one line at a time (without the '\n'). */
class LineWriter {
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private pending = '';

  constructor(private readonly sink: (text: string) => void) {}

  write(bytes: Uint8Array): void {
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
    this.pending += this.decoder.decode();
    if (this.pending !== '') this.sink(this.pending);
    this.pending = '';
  }
}

const webCrypto = (globalThis as { crypto?: { getRandomValues<T extends Uint8Array>(a: T): T } }).crypto;
const perf = (globalThis as { performance?: { now(): number } }).performance;

function nowNanoseconds(clock: number): bigint {
  if (clock === CLOCK_REALTIME || perf === undefined) return BigInt(Date.now()) * 1000000n;
  return BigInt(Math.round(perf.now() * 1e6));
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
  const args = encodeStrings(options.args);
  const environ = encodeStrings(Object.entries(options.env).map(([k, v]) => `${k}=${v}`));
  const isStdio = (fd: number) => fd >= 0 && fd <= 2;

  /** args_sizes_get / environ_sizes_get */
  function sizes(list: Uint8Array[], countPtr: number, sizePtr: number): number {
    const dv = heap.fresh().dv;
    dv.setUint32(countPtr, list.length, true);
    dv.setUint32(sizePtr, list.reduce((n, s) => n + s.length, 0), true);
    return ERRNO_SUCCESS;
  }

  /** args_get / environ_get: pointers at `ptrs`, the strings at `buf`. */
  function strings(list: Uint8Array[], ptrs: number, buf: number): number {
    const h = heap.fresh();
    for (let i = 0; i < list.length; i++) {
      h.dv.setUint32(ptrs + 4 * i, buf, true);
      h.u8.set(list[i]!, buf);
      buf += list[i]!.length;
    }
    return ERRNO_SUCCESS;
  }

  const imports: Record<string, WasiFunction> = {
    fd_write(fd: number, iovs: number, iovsLength: number, nwritten: number): number {
      const writer = writers[fd];
      if (writer === undefined) return ERRNO_BADF;
      const h = heap.fresh();
      let total = 0;
      for (let i = 0; i < iovsLength; i++) {
        const buf = h.dv.getUint32(iovs + 8 * i, true);
        const len = h.dv.getUint32(iovs + 8 * i + 4, true);
        const bytes = h.u8.subarray(buf, buf + len);
        writer.write(h.shared ? bytes.slice() : bytes);
        total += len;
      }
      heap.fresh().dv.setUint32(nwritten, total, true);
      return ERRNO_SUCCESS;
    },

    fd_close(fd: number): number {
      return isStdio(fd) ? ERRNO_SUCCESS : ERRNO_BADF;
    },

    fd_seek(fd: number): number {
      return isStdio(fd) ? ERRNO_SPIPE : ERRNO_BADF;
    },

    fd_fdstat_get(fd: number, stat: number): number {
      if (!isStdio(fd)) return ERRNO_BADF;
      const h = heap.fresh();
      h.u8.fill(0, stat, stat + 24);
      h.u8[stat] = FILETYPE_CHARACTER_DEVICE;
      h.dv.setBigUint64(stat + 8, RIGHTS_STDIO, true);
      return ERRNO_SUCCESS;
    },

    fd_prestat_get(): number {
      return ERRNO_BADF;
    },

    clock_res_get(clock: number, resolution: number): number {
      if (clock < CLOCK_REALTIME || clock > CLOCK_THREAD_CPUTIME) return ERRNO_INVAL;
      heap.fresh().dv.setBigUint64(resolution, clock === CLOCK_REALTIME ? 1000000n : 1000n, true);
      return ERRNO_SUCCESS;
    },

    clock_time_get(clock: number, _precision: bigint, time: number): number {
      if (clock !== CLOCK_REALTIME && clock !== CLOCK_MONOTONIC && clock !== CLOCK_PROCESS_CPUTIME && clock !== CLOCK_THREAD_CPUTIME) {
        return ERRNO_INVAL;
      }
      heap.fresh().dv.setBigUint64(time, nowNanoseconds(clock), true);
      return ERRNO_SUCCESS;
    },

    random_get(buf: number, length: number): number {
      if (webCrypto === undefined) return ERRNO_NOSYS;
      const h = heap.fresh();
      for (let at = 0; at < length; at += RANDOM_CHUNK) {
        const part = h.u8.subarray(buf + at, buf + Math.min(length, at + RANDOM_CHUNK));
        if (h.shared) part.set(webCrypto.getRandomValues(new Uint8Array(part.length)));
        else webCrypto.getRandomValues(part);
      }
      return ERRNO_SUCCESS;
    },

    args_sizes_get: (count: number, size: number) => sizes(args, count, size),
    args_get: (ptrs: number, buf: number) => strings(args, ptrs, buf),
    environ_sizes_get: (count: number, size: number) => sizes(environ, count, size),
    environ_get: (ptrs: number, buf: number) => strings(environ, ptrs, buf),

    proc_exit(code: number): void {
      writers[1]!.flush();
      writers[2]!.flush();
      throw new Error(`${options.name}: the addon called exit(${code})`);
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

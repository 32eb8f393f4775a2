// WASI preview1 for an addon's libc, without node:wasi (docs/wasi.md):
// stdio (stdout/stderr line-buffered to callbacks, stdin from a byte string),
// clocks, random bytes, args and environ (empty unless given), sched_yield,
// poll_oneoff, proc_exit, and files.
//
// Files are sandboxed: with no preopens (the default) no descriptor beyond
// stdio exists, so every file call fails as C expects (EBADF for a
// descriptor, ENOTCAPABLE for wasi-libc's path lookup) and nothing is
// touched. Preopened directories are served by wasi-fs.ts from the file
// system the host passes in. instantiate.ts answers every import not defined
// here with ENOSYS.

import type { Heap } from './memory.js';
import {
  E,
  FILETYPE,
  PathError,
  errnoOf,
  filetypeOf,
  openPreopens,
  resolvePath,
  type DirEntry,
  type Entry,
  type FileEntry,
  type WasiFs,
  type WasiStats,
} from './wasi-fs.js';

export type { WasiFs } from './wasi-fs.js';

export const ERRNO_SUCCESS = E.SUCCESS;
export const ERRNO_NOSYS = E.NOSYS;

const CLOCK_REALTIME = 0;
const CLOCK_MONOTONIC = 1;
const CLOCK_PROCESS_CPUTIME = 2;
const CLOCK_THREAD_CPUTIME = 3;

const WHENCE_SET = 0;
const WHENCE_CUR = 1;
const WHENCE_END = 2;

const OFLAGS_CREAT = 1;
const OFLAGS_DIRECTORY = 2;
const OFLAGS_EXCL = 4;
const OFLAGS_TRUNC = 8;
const FDFLAGS_APPEND = 1;
const LOOKUP_SYMLINK_FOLLOW = 1;
const FSTFLAGS_ATIM = 1;
const FSTFLAGS_ATIM_NOW = 2;
const FSTFLAGS_MTIM = 4;
const FSTFLAGS_MTIM_NOW = 8;

const RIGHT_FD_READ = 1n << 1n;
const RIGHT_FD_WRITE = 1n << 6n;
const RIGHTS_ALL = (1n << 30n) - 1n;
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

const DIRENT_SIZE = 24;
const FILESTAT_SIZE = 64;
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
  const preopens = options.preopens ?? {};
  const fs = options.fs;
  if (Object.keys(preopens).length > 0 && fs === undefined) {
    throw new Error(`${options.name}: preopens need the fs option (Node's fs module, or the same synchronous API)`);
  }
  /** Descriptors 3 and up: the preopens first, as wasi-libc expects. */
  const fds: (Entry | undefined)[] = [undefined, undefined, undefined, ...(fs ? openPreopens(fs, preopens, options.name) : [])];
  const preopenCount = fds.length - 3;
  const isStdio = (fd: number) => fd >= 0 && fd <= 2;
  const encoder = new TextEncoder();

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

  /** The iovecs at `iovs` as views of wasm memory. */
  function iovecs(iovs: number, count: number): Uint8Array[] {
    const h = heap.fresh();
    const out: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      const buf = h.dv.getUint32(iovs + 8 * i, true);
      const len = h.dv.getUint32(iovs + 8 * i + 4, true);
      out.push(h.u8.subarray(buf, buf + len));
    }
    return out;
  }

  function readPath(ptr: number, length: number): string {
    return new TextDecoder().decode(heap.fresh().u8.slice(ptr, ptr + length));
  }

  function writeFilestat(at: number, s: WasiStats | undefined, filetype: number): void {
    const h = heap.fresh();
    h.u8.fill(0, at, at + FILESTAT_SIZE);
    h.u8[at + 16] = filetype;
    if (s === undefined) return;
    h.dv.setBigUint64(at, s.dev, true);
    h.dv.setBigUint64(at + 8, s.ino, true);
    h.dv.setBigUint64(at + 24, s.nlink, true);
    h.dv.setBigUint64(at + 32, s.size, true);
    h.dv.setBigUint64(at + 40, s.atimeNs, true);
    h.dv.setBigUint64(at + 48, s.mtimeNs, true);
    h.dv.setBigUint64(at + 56, s.ctimeNs, true);
  }

  function file(fd: number): FileEntry | number {
    const entry = fds[fd];
    if (entry === undefined) return E.BADF;
    return entry.kind === 'file' ? entry : E.ISDIR;
  }

  function dir(fd: number): DirEntry | number {
    const entry = fds[fd];
    if (entry === undefined) return E.BADF;
    return entry.kind === 'dir' ? entry : E.NOTDIR;
  }

  /** The lowest free descriptor. */
  function allocate(entry: Entry): number {
    let fd = 3;
    while (fds[fd] !== undefined) fd++;
    fds[fd] = entry;
    return fd;
  }

  /**
   * Runs a path call: resolves `path` (pointer, length) against directory
   * `fd` and calls `op` with the host path; errors become WASI errnos.
   */
  function withPath(fd: number, pathPtr: number, pathLength: number, follow: boolean, op: (host: string, d: DirEntry) => number): number {
    const d = dir(fd);
    if (typeof d === 'number') return d;
    try {
      return op(resolvePath(fs!, d, readPath(pathPtr, pathLength), follow), d);
    } catch (error) {
      return error instanceof PathError ? error.errno : errnoOf(error);
    }
  }

  /** Runs a call on an open file; errors become WASI errnos. */
  function withFile(fd: number, op: (f: FileEntry) => number): number {
    const f = file(fd);
    if (typeof f === 'number') return f;
    try {
      return op(f);
    } catch (error) {
      return errnoOf(error);
    }
  }

  function readInto(f: FileEntry, buffers: Uint8Array[], position: bigint | null): number {
    let total = 0;
    for (const b of buffers) {
      const n = fs!.readSync(f.hostFd, b, 0, b.length, Number(position === null ? f.position : position + BigInt(total)));
      total += n;
      if (position === null) f.position += BigInt(n);
      if (n < b.length) break;
    }
    return total;
  }

  function writeFrom(f: FileEntry, buffers: Uint8Array[], position: bigint | null): number {
    let total = 0;
    for (const b of buffers) {
      let at = position === null ? f.position : position + BigInt(total);
      if (position === null && f.append) at = fs!.fstatSync(f.hostFd, { bigint: true }).size;
      const n = fs!.writeSync(f.hostFd, b, 0, b.length, Number(at)); // (Node's writeSync ignores a bigint position)
      total += n;
      if (position === null) f.position = at + BigInt(n);
    }
    return total;
  }

  /** Nanosecond WASI timestamps as the seconds fs.*utimes* take. */
  function times(s: WasiStats, atim: bigint, mtim: bigint, flags: number): [number, number] {
    const now = Date.now() / 1000;
    const atime = flags & FSTFLAGS_ATIM_NOW ? now : flags & FSTFLAGS_ATIM ? Number(atim) / 1e9 : Number(s.atimeNs) / 1e9;
    const mtime = flags & FSTFLAGS_MTIM_NOW ? now : flags & FSTFLAGS_MTIM ? Number(mtim) / 1e9 : Number(s.mtimeNs) / 1e9;
    return [atime, mtime];
  }

  function close(fd: number): number {
    const entry = fds[fd];
    if (entry === undefined) return E.BADF;
    if (fd < 3 + preopenCount) return E.NOTSUP; // the preopens stay
    fds[fd] = undefined;
    try {
      if (entry.kind === 'file') fs!.closeSync(entry.hostFd);
      return E.SUCCESS;
    } catch (error) {
      return errnoOf(error);
    }
  }

  function setU32(ptr: number, value: number): number {
    heap.fresh().dv.setUint32(ptr, value, true);
    return E.SUCCESS;
  }

  function setU64(ptr: number, value: bigint): number {
    heap.fresh().dv.setBigUint64(ptr, value, true);
    return E.SUCCESS;
  }

  const imports: Record<string, WasiFunction> = {
    // ---- stdio and files ------------------------------------------------------

    fd_write(fd: number, iovs: number, iovsLength: number, nwritten: number): number {
      const writer = writers[fd];
      if (writer !== undefined) {
        let total = 0;
        for (const bytes of iovecs(iovs, iovsLength)) {
          writer.write(heap.shared ? bytes.slice() : bytes);
          total += bytes.length;
        }
        return setU32(nwritten, total);
      }
      return withFile(fd, (f) => (f.writable ? setU32(nwritten, writeFrom(f, iovecs(iovs, iovsLength), null)) : E.BADF));
    },

    fd_pwrite(fd: number, iovs: number, iovsLength: number, offset: bigint, nwritten: number): number {
      if (isStdio(fd)) return E.SPIPE;
      return withFile(fd, (f) => (f.writable ? setU32(nwritten, writeFrom(f, iovecs(iovs, iovsLength), offset)) : E.BADF));
    },

    fd_read(fd: number, iovs: number, iovsLength: number, nread: number): number {
      if (fd === 0) {
        let total = 0;
        for (const b of iovecs(iovs, iovsLength)) {
          const n = Math.min(b.length, stdin.length - stdinAt);
          b.set(stdin.subarray(stdinAt, stdinAt + n));
          stdinAt += n;
          total += n;
        }
        return setU32(nread, total);
      }
      if (isStdio(fd)) return E.BADF;
      return withFile(fd, (f) => (f.readable ? setU32(nread, readInto(f, iovecs(iovs, iovsLength), null)) : E.BADF));
    },

    fd_pread(fd: number, iovs: number, iovsLength: number, offset: bigint, nread: number): number {
      if (isStdio(fd)) return E.SPIPE;
      return withFile(fd, (f) => (f.readable ? setU32(nread, readInto(f, iovecs(iovs, iovsLength), offset)) : E.BADF));
    },

    fd_seek(fd: number, offset: bigint, whence: number, newOffset: number): number {
      if (isStdio(fd)) return E.SPIPE;
      return withFile(fd, (f) => {
        const base = whence === WHENCE_SET ? 0n : whence === WHENCE_CUR ? f.position : whence === WHENCE_END ? fs!.fstatSync(f.hostFd, { bigint: true }).size : -1n;
        if (base < 0n || base + offset < 0n) return E.INVAL;
        f.position = base + offset;
        return setU64(newOffset, f.position);
      });
    },

    fd_tell(fd: number, offset: number): number {
      if (isStdio(fd)) return E.SPIPE;
      return withFile(fd, (f) => setU64(offset, f.position));
    },

    fd_close(fd: number): number {
      return isStdio(fd) ? E.SUCCESS : close(fd);
    },

    fd_renumber(from: number, to: number): number {
      const entry = fds[from];
      if (entry === undefined || fds[to] === undefined) return E.BADF;
      if (from === to) return E.SUCCESS;
      const closed = close(to);
      if (closed !== E.SUCCESS) return closed;
      fds[to] = entry;
      fds[from] = undefined;
      return E.SUCCESS;
    },

    fd_fdstat_get(fd: number, stat: number): number {
      const h = heap.fresh();
      const entry = fds[fd];
      if (!isStdio(fd) && entry === undefined) return E.BADF;
      h.u8.fill(0, stat, stat + 24);
      if (entry === undefined) {
        h.u8[stat] = FILETYPE.CHARACTER_DEVICE;
        h.dv.setBigUint64(stat + 8, RIGHTS_STDIO, true);
      } else if (entry.kind === 'dir') {
        h.u8[stat] = FILETYPE.DIRECTORY;
        h.dv.setBigUint64(stat + 8, RIGHTS_ALL, true);
        h.dv.setBigUint64(stat + 16, RIGHTS_ALL, true);
      } else {
        h.u8[stat] = FILETYPE.REGULAR_FILE;
        h.dv.setUint16(stat + 2, entry.append ? FDFLAGS_APPEND : 0, true);
        h.dv.setBigUint64(stat + 8, entry.rights, true);
      }
      return E.SUCCESS;
    },

    fd_fdstat_set_flags(fd: number, flags: number): number {
      if (isStdio(fd)) return E.SUCCESS;
      return withFile(fd, (f) => {
        f.append = (flags & FDFLAGS_APPEND) !== 0;
        return E.SUCCESS;
      });
    },

    fd_fdstat_set_rights(fd: number): number {
      return isStdio(fd) || fds[fd] !== undefined ? E.SUCCESS : E.BADF;
    },

    fd_filestat_get(fd: number, buf: number): number {
      if (isStdio(fd)) {
        writeFilestat(buf, undefined, FILETYPE.CHARACTER_DEVICE);
        return E.SUCCESS;
      }
      const entry = fds[fd];
      if (entry === undefined) return E.BADF;
      try {
        const s = entry.kind === 'file' ? fs!.fstatSync(entry.hostFd, { bigint: true }) : fs!.statSync(entry.path, { bigint: true });
        writeFilestat(buf, s, filetypeOf(s));
        return E.SUCCESS;
      } catch (error) {
        return errnoOf(error);
      }
    },

    fd_filestat_set_size(fd: number, size: bigint): number {
      return withFile(fd, (f) => {
        if (!f.writable) return E.BADF;
        fs!.ftruncateSync(f.hostFd, Number(size));
        return E.SUCCESS;
      });
    },

    fd_filestat_set_times(fd: number, atim: bigint, mtim: bigint, flags: number): number {
      return withFile(fd, (f) => {
        const [atime, mtime] = times(fs!.fstatSync(f.hostFd, { bigint: true }), atim, mtim, flags);
        fs!.futimesSync(f.hostFd, atime, mtime);
        return E.SUCCESS;
      });
    },

    fd_sync(fd: number): number {
      if (isStdio(fd)) return E.SUCCESS;
      return withFile(fd, (f) => (fs!.fsyncSync(f.hostFd), E.SUCCESS));
    },

    fd_datasync(fd: number): number {
      if (isStdio(fd)) return E.SUCCESS;
      return withFile(fd, (f) => (fs!.fdatasyncSync(f.hostFd), E.SUCCESS));
    },

    fd_advise(fd: number): number {
      return isStdio(fd) ? E.SPIPE : withFile(fd, () => E.SUCCESS);
    },

    fd_allocate(fd: number, offset: bigint, length: bigint): number {
      return withFile(fd, (f) => {
        if (!f.writable) return E.BADF;
        const size = fs!.fstatSync(f.hostFd, { bigint: true }).size;
        if (offset + length > size) fs!.ftruncateSync(f.hostFd, Number(offset + length));
        return E.SUCCESS;
      });
    },

    fd_prestat_get(fd: number, prestat: number): number {
      const entry = fds[fd];
      if (fd < 3 || fd >= 3 + preopenCount || entry === undefined) return E.BADF;
      const h = heap.fresh();
      h.u8.fill(0, prestat, prestat + 8);
      h.dv.setUint32(prestat + 4, encoder.encode(entry.root.guest).length, true);
      return E.SUCCESS;
    },

    fd_prestat_dir_name(fd: number, path: number, length: number): number {
      const entry = fds[fd];
      if (fd < 3 || fd >= 3 + preopenCount || entry === undefined) return E.BADF;
      const name = encoder.encode(entry.root.guest);
      if (length < name.length) return E.NAMETOOLONG;
      heap.fresh().u8.set(name, path);
      return E.SUCCESS;
    },

    fd_readdir(fd: number, buf: number, length: number, cookie: bigint, bufused: number): number {
      const d = dir(fd);
      if (typeof d === 'number') return d;
      let names: { name: string; type: number }[];
      try {
        names = [
          { name: '.', type: FILETYPE.DIRECTORY },
          { name: '..', type: FILETYPE.DIRECTORY },
          ...fs!.readdirSync(d.path, { withFileTypes: true }).map((e) => ({ name: e.name, type: filetypeOf(e) })),
        ];
      } catch (error) {
        return errnoOf(error);
      }
      const h = heap.fresh();
      let at = 0;
      for (let i = Number(cookie); i < names.length && at < length; i++) {
        const name = encoder.encode(names[i]!.name);
        const entry = new Uint8Array(DIRENT_SIZE + name.length);
        const dv = new DataView(entry.buffer);
        dv.setBigUint64(0, BigInt(i + 1), true);
        dv.setUint32(16, name.length, true);
        entry[20] = names[i]!.type;
        entry.set(name, DIRENT_SIZE);
        const n = Math.min(entry.length, length - at);
        h.u8.set(entry.subarray(0, n), buf + at);
        at += n;
      }
      return setU32(bufused, at);
    },

    path_open(
      fd: number,
      lookupFlags: number,
      pathPtr: number,
      pathLength: number,
      oflags: number,
      rightsBase: bigint,
      _rightsInheriting: bigint,
      fdflags: number,
      opened: number,
    ): number {
      const follow = (lookupFlags & LOOKUP_SYMLINK_FOLLOW) !== 0;
      return withPath(fd, pathPtr, pathLength, follow, (host, d) => {
        const c = fs!.constants;
        const readable = (rightsBase & RIGHT_FD_READ) !== 0n;
        const writable = (rightsBase & RIGHT_FD_WRITE) !== 0n;
        let isDir = false;
        try {
          isDir = (follow ? fs!.statSync(host, { bigint: true }) : fs!.lstatSync(host, { bigint: true })).isDirectory();
        } catch {
          // it does not exist yet: openSync says whether it may be created
        }
        if (isDir && (oflags & (OFLAGS_CREAT | OFLAGS_EXCL)) === (OFLAGS_CREAT | OFLAGS_EXCL)) return E.EXIST;
        if (isDir) {
          if (writable || (oflags & OFLAGS_TRUNC) !== 0) return E.ISDIR;
          return setU32(opened, allocate({ kind: 'dir', root: d.root, path: host }));
        }
        if ((oflags & OFLAGS_DIRECTORY) !== 0) {
          fs!.lstatSync(host, { bigint: true }); // ENOENT before ENOTDIR
          return E.NOTDIR;
        }
        let flags = readable && writable ? c.O_RDWR! : writable ? c.O_WRONLY! : c.O_RDONLY!;
        if (oflags & OFLAGS_CREAT) flags |= c.O_CREAT!;
        if (oflags & OFLAGS_EXCL) flags |= c.O_EXCL!;
        if (oflags & OFLAGS_TRUNC) flags |= c.O_TRUNC!;
        if (!follow && c.O_NOFOLLOW !== undefined) flags |= c.O_NOFOLLOW;
        const hostFd = fs!.openSync(host, flags, 0o666);
        const entry: FileEntry = {
          kind: 'file',
          root: d.root,
          path: host,
          hostFd,
          position: 0n,
          readable,
          writable,
          append: (fdflags & FDFLAGS_APPEND) !== 0,
          rights: rightsBase,
        };
        return setU32(opened, allocate(entry));
      });
    },

    path_filestat_get(fd: number, lookupFlags: number, pathPtr: number, pathLength: number, buf: number): number {
      const follow = (lookupFlags & LOOKUP_SYMLINK_FOLLOW) !== 0;
      return withPath(fd, pathPtr, pathLength, follow, (host) => {
        const s = follow ? fs!.statSync(host, { bigint: true }) : fs!.lstatSync(host, { bigint: true });
        writeFilestat(buf, s, filetypeOf(s));
        return E.SUCCESS;
      });
    },

    path_filestat_set_times(fd: number, lookupFlags: number, pathPtr: number, pathLength: number, atim: bigint, mtim: bigint, flags: number): number {
      return withPath(fd, pathPtr, pathLength, (lookupFlags & LOOKUP_SYMLINK_FOLLOW) !== 0, (host) => {
        const [atime, mtime] = times(fs!.statSync(host, { bigint: true }), atim, mtim, flags);
        fs!.utimesSync(host, atime, mtime);
        return E.SUCCESS;
      });
    },

    path_create_directory(fd: number, pathPtr: number, pathLength: number): number {
      return withPath(fd, pathPtr, pathLength, false, (host) => (fs!.mkdirSync(host), E.SUCCESS));
    },

    path_remove_directory(fd: number, pathPtr: number, pathLength: number): number {
      return withPath(fd, pathPtr, pathLength, false, (host) => (fs!.rmdirSync(host), E.SUCCESS));
    },

    path_unlink_file(fd: number, pathPtr: number, pathLength: number): number {
      return withPath(fd, pathPtr, pathLength, false, (host) => {
        if (fs!.lstatSync(host, { bigint: true }).isDirectory()) return E.ISDIR;
        fs!.unlinkSync(host);
        return E.SUCCESS;
      });
    },

    path_rename(fd: number, oldPtr: number, oldLength: number, newFd: number, newPtr: number, newLength: number): number {
      return withPath(fd, oldPtr, oldLength, false, (from) =>
        withPath(newFd, newPtr, newLength, false, (to) => (fs!.renameSync(from, to), E.SUCCESS)),
      );
    },

    path_link(oldFd: number, lookupFlags: number, oldPtr: number, oldLength: number, newFd: number, newPtr: number, newLength: number): number {
      return withPath(oldFd, oldPtr, oldLength, (lookupFlags & LOOKUP_SYMLINK_FOLLOW) !== 0, (from) =>
        withPath(newFd, newPtr, newLength, false, (to) => (fs!.linkSync(from, to), E.SUCCESS)),
      );
    },

    path_symlink(oldPtr: number, oldLength: number, fd: number, newPtr: number, newLength: number): number {
      const target = readPath(oldPtr, oldLength);
      // The link is checked when followed; an absolute one is refused now.
      if (target.startsWith('/')) return E.NOTCAPABLE;
      return withPath(fd, newPtr, newLength, false, (host) => (fs!.symlinkSync(target, host), E.SUCCESS));
    },

    path_readlink(fd: number, pathPtr: number, pathLength: number, buf: number, length: number, bufused: number): number {
      return withPath(fd, pathPtr, pathLength, false, (host) => {
        const target = encoder.encode(fs!.readlinkSync(host));
        const n = Math.min(target.length, length);
        heap.fresh().u8.set(target.subarray(0, n), buf);
        return setU32(bufused, n);
      });
    },

    // ---- sockets: there are none ----------------------------------------------

    sock_accept: (fd: number) => (fds[fd] !== undefined || isStdio(fd) ? E.NOTSOCK : E.BADF),
    sock_recv: (fd: number) => (fds[fd] !== undefined || isStdio(fd) ? E.NOTSOCK : E.BADF),
    sock_send: (fd: number) => (fds[fd] !== undefined || isStdio(fd) ? E.NOTSOCK : E.BADF),
    sock_shutdown: (fd: number) => (fds[fd] !== undefined || isStdio(fd) ? E.NOTSOCK : E.BADF),

    // ---- time, randomness, scheduling -------------------------------------------

    clock_res_get(clock: number, resolution: number): number {
      if (clock < CLOCK_REALTIME || clock > CLOCK_THREAD_CPUTIME) return E.INVAL;
      return setU64(resolution, clock === CLOCK_REALTIME ? 1000000n : 1000n);
    },

    clock_time_get(clock: number, _precision: bigint, time: number): number {
      if (clock !== CLOCK_REALTIME && clock !== CLOCK_MONOTONIC && clock !== CLOCK_PROCESS_CPUTIME && clock !== CLOCK_THREAD_CPUTIME) {
        return E.INVAL;
      }
      return setU64(time, nowNanoseconds(clock));
    },

    random_get(buf: number, length: number): number {
      if (webCrypto === undefined) return E.NOSYS;
      const h = heap.fresh();
      for (let at = 0; at < length; at += RANDOM_CHUNK) {
        const part = h.u8.subarray(buf + at, buf + Math.min(length, at + RANDOM_CHUNK));
        if (h.shared) part.set(webCrypto.getRandomValues(new Uint8Array(part.length)));
        else webCrypto.getRandomValues(part);
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
        const known = isStdio(s.fd) || fds[s.fd]?.kind === 'file';
        if (!known) o.dv.setUint16(at + 8, E.BADF, true);
        else if (s.type === EVENTTYPE_FD_READ && s.fd === 0) o.dv.setBigUint64(at + 16, BigInt(stdin.length - stdinAt), true);
      }
      return setU32(neventsPtr, n);
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

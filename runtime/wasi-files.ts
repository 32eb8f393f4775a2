// The descriptors beyond stdio and the WASI file calls on them
// (docs/wasi.md): the preopened directories (3 and up, as wasi-libc expects)
// and the files and directories opened under them. Paths go through
// wasi-fs.ts's sandboxed resolver, calls through the `fs` the host passed in.
// With no preopens no descriptor exists: every call gives EBADF and `fs` is
// never touched. wasi.ts answers for stdio (0-2) before calling these.

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

export const RIGHT_FD_READ = 1n << 1n;
export const RIGHT_FD_WRITE = 1n << 6n;
const RIGHTS_ALL = (1n << 30n) - 1n;

const DIRENT_SIZE = 24;
const FILESTAT_SIZE = 64;

// ---- wasm memory helpers (wasi.ts uses them too) ------------------------------

/** The iovecs at `iovs` as views of wasm memory. */
export function iovecs(heap: Heap, iovs: number, count: number): Uint8Array[] {
  const h = heap.fresh();
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const buf = h.dv.getUint32(iovs + 8 * i, true);
    const len = h.dv.getUint32(iovs + 8 * i + 4, true);
    out.push(h.u8.subarray(buf, buf + len));
  }
  return out;
}

/** *ptr = value (uint32); returns ERRNO_SUCCESS. */
export function setU32(heap: Heap, ptr: number, value: number): number {
  heap.fresh().dv.setUint32(ptr, value, true);
  return E.SUCCESS;
}

/** *ptr = value (uint64); returns ERRNO_SUCCESS. */
export function setU64(heap: Heap, ptr: number, value: bigint): number {
  heap.fresh().dv.setBigUint64(ptr, value, true);
  return E.SUCCESS;
}

/** A filestat at `at`: the stats' fields, or zeros with `filetype`. */
export function writeFilestat(heap: Heap, at: number, s: WasiStats | undefined, filetype: number): void {
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

// ---- descriptors and calls ------------------------------------------------------

export type Files = ReturnType<typeof createFiles>;

/** Opens the preopens (a preopen that is not a directory fails the load). */
export function createFiles(heap: Heap, name: string, preopens: Readonly<Record<string, string>>, fs: WasiFs | undefined) {
  if (Object.keys(preopens).length > 0 && fs === undefined) {
    throw new Error(`${name}: preopens need the fs option (Node's fs module, or the same synchronous API)`);
  }
  const fds: (Entry | undefined)[] = [undefined, undefined, undefined, ...(fs ? openPreopens(fs, preopens, name) : [])];
  const preopenCount = fds.length - 3;
  const encoder = new TextEncoder();

  function readPath(ptr: number, length: number): string {
    return new TextDecoder().decode(heap.fresh().u8.slice(ptr, ptr + length));
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

  const calls = {
    fd_write(fd: number, iovs: number, iovsLength: number, nwritten: number): number {
      return withFile(fd, (f) => (f.writable ? setU32(heap, nwritten, writeFrom(f, iovecs(heap, iovs, iovsLength), null)) : E.BADF));
    },

    fd_pwrite(fd: number, iovs: number, iovsLength: number, offset: bigint, nwritten: number): number {
      return withFile(fd, (f) => (f.writable ? setU32(heap, nwritten, writeFrom(f, iovecs(heap, iovs, iovsLength), offset)) : E.BADF));
    },

    fd_read(fd: number, iovs: number, iovsLength: number, nread: number): number {
      return withFile(fd, (f) => (f.readable ? setU32(heap, nread, readInto(f, iovecs(heap, iovs, iovsLength), null)) : E.BADF));
    },

    fd_pread(fd: number, iovs: number, iovsLength: number, offset: bigint, nread: number): number {
      return withFile(fd, (f) => (f.readable ? setU32(heap, nread, readInto(f, iovecs(heap, iovs, iovsLength), offset)) : E.BADF));
    },

    fd_seek(fd: number, offset: bigint, whence: number, newOffset: number): number {
      return withFile(fd, (f) => {
        const base = whence === WHENCE_SET ? 0n : whence === WHENCE_CUR ? f.position : whence === WHENCE_END ? fs!.fstatSync(f.hostFd, { bigint: true }).size : -1n;
        if (base < 0n || base + offset < 0n) return E.INVAL;
        f.position = base + offset;
        return setU64(heap, newOffset, f.position);
      });
    },

    fd_tell(fd: number, offset: number): number {
      return withFile(fd, (f) => setU64(heap, offset, f.position));
    },

    fd_close(fd: number): number {
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
    },

    fd_renumber(from: number, to: number): number {
      const entry = fds[from];
      if (entry === undefined || fds[to] === undefined) return E.BADF;
      if (from === to) return E.SUCCESS;
      const closed = calls.fd_close(to);
      if (closed !== E.SUCCESS) return closed;
      fds[to] = entry;
      fds[from] = undefined;
      return E.SUCCESS;
    },

    fd_fdstat_get(fd: number, stat: number): number {
      const entry = fds[fd];
      if (entry === undefined) return E.BADF;
      const h = heap.fresh();
      h.u8.fill(0, stat, stat + 24);
      if (entry.kind === 'dir') {
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
      return withFile(fd, (f) => {
        f.append = (flags & FDFLAGS_APPEND) !== 0;
        return E.SUCCESS;
      });
    },

    fd_fdstat_set_rights(fd: number): number {
      return fds[fd] !== undefined ? E.SUCCESS : E.BADF;
    },

    fd_filestat_get(fd: number, buf: number): number {
      const entry = fds[fd];
      if (entry === undefined) return E.BADF;
      try {
        const s = entry.kind === 'file' ? fs!.fstatSync(entry.hostFd, { bigint: true }) : fs!.statSync(entry.path, { bigint: true });
        writeFilestat(heap, buf, s, filetypeOf(s));
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
      return withFile(fd, (f) => (fs!.fsyncSync(f.hostFd), E.SUCCESS));
    },

    fd_datasync(fd: number): number {
      return withFile(fd, (f) => (fs!.fdatasyncSync(f.hostFd), E.SUCCESS));
    },

    fd_advise(fd: number): number {
      return withFile(fd, () => E.SUCCESS);
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
      return setU32(heap, bufused, at);
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
          return setU32(heap, opened, allocate({ kind: 'dir', root: d.root, path: host }));
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
        return setU32(heap, opened, allocate(entry));
      });
    },

    path_filestat_get(fd: number, lookupFlags: number, pathPtr: number, pathLength: number, buf: number): number {
      const follow = (lookupFlags & LOOKUP_SYMLINK_FOLLOW) !== 0;
      return withPath(fd, pathPtr, pathLength, follow, (host) => {
        const s = follow ? fs!.statSync(host, { bigint: true }) : fs!.lstatSync(host, { bigint: true });
        writeFilestat(heap, buf, s, filetypeOf(s));
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
        return setU32(heap, bufused, n);
      });
    },
  };

  return {
    calls,
    /** `fd` is an open file or directory. */
    isOpen: (fd: number) => fds[fd] !== undefined,
    /** `fd` is an open regular file. */
    isFile: (fd: number) => fds[fd]?.kind === 'file',
  };
}

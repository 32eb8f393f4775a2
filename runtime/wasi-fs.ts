// The file system behind WASI's preopened directories (docs/wasi.md): the
// synchronous API the host passes in (Node's `fs` module, or anything with
// the WasiFs subset of it, so that the runtime itself imports no `node:`
// module), WASI's errno and file types, and the sandboxed path resolver.
//
// Sandbox: a path is always relative to a directory descriptor that leads
// back to a preopen. It is resolved here, component by component, following
// symbolic links (also dangling ones) as the OS would; the result must stay
// inside the preopen's real path, or the call fails with ENOTCAPABLE before
// anything is touched. Absolute paths are refused the same way (wasi-libc
// turns "/data/x" into "x" relative to the "/data" preopen). A symbolic link
// changed between the check and the call is not caught: the sandbox keeps
// honest code in, it is not a defence against a hostile host file system.

export interface WasiStats {
  dev: bigint;
  ino: bigint;
  nlink: bigint;
  size: bigint;
  atimeNs: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}

interface WasiDirent {
  name: string;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

/** The part of Node's synchronous `fs` API that preopens use. */
export interface WasiFs {
  constants: Record<string, number>;
  openSync(path: string, flags: number, mode?: number): number;
  closeSync(fd: number): void;
  readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  fstatSync(fd: number, options: { bigint: true }): WasiStats;
  lstatSync(path: string, options: { bigint: true }): WasiStats;
  statSync(path: string, options: { bigint: true }): WasiStats;
  realpathSync(path: string): string;
  readdirSync(path: string, options: { withFileTypes: true }): WasiDirent[];
  readlinkSync(path: string): string;
  mkdirSync(path: string): unknown;
  rmdirSync(path: string): void;
  unlinkSync(path: string): void;
  renameSync(from: string, to: string): void;
  symlinkSync(target: string, path: string): void;
  linkSync(existing: string, path: string): void;
  ftruncateSync(fd: number, length: number): void;
  fsyncSync(fd: number): void;
  fdatasyncSync(fd: number): void;
  futimesSync(fd: number, atime: number, mtime: number): void;
  utimesSync(path: string, atime: number, mtime: number): void;
}

// WASI errno values (wasi_snapshot_preview1).
export const E = {
  SUCCESS: 0,
  ACCES: 2,
  AGAIN: 6,
  BADF: 8,
  BUSY: 10,
  EXIST: 20,
  FBIG: 22,
  INVAL: 28,
  IO: 29,
  ISDIR: 31,
  LOOP: 32,
  MFILE: 33,
  NAMETOOLONG: 37,
  NOENT: 44,
  NOMEM: 48,
  NOSPC: 51,
  NOSYS: 52,
  NOTDIR: 54,
  NOTEMPTY: 55,
  NOTSOCK: 57,
  NOTSUP: 58,
  PERM: 63,
  ROFS: 69,
  SPIPE: 70,
  XDEV: 75,
  NOTCAPABLE: 76,
} as const;

/** Node's error codes for the errno values WASI has. */
const ERRNO_BY_CODE: Record<string, number> = {
  EACCES: E.ACCES,
  EAGAIN: E.AGAIN,
  EBADF: E.BADF,
  EBUSY: E.BUSY,
  EEXIST: E.EXIST,
  EFBIG: E.FBIG,
  EINVAL: E.INVAL,
  EISDIR: E.ISDIR,
  ELOOP: E.LOOP,
  EMFILE: E.MFILE,
  ENAMETOOLONG: E.NAMETOOLONG,
  ENOENT: E.NOENT,
  ENOMEM: E.NOMEM,
  ENOSPC: E.NOSPC,
  ENOSYS: E.NOSYS,
  ENOTDIR: E.NOTDIR,
  ENOTEMPTY: E.NOTEMPTY,
  ENOTSUP: E.NOTSUP,
  EPERM: E.PERM,
  EROFS: E.ROFS,
  EXDEV: E.XDEV,
};

/** The WASI errno for an error `fs` threw (EIO for anything else). */
export function errnoOf(error: unknown): number {
  const code = (error as { code?: unknown } | null)?.code;
  return (typeof code === 'string' && ERRNO_BY_CODE[code]) || E.IO;
}

export const FILETYPE = { UNKNOWN: 0, BLOCK_DEVICE: 1, CHARACTER_DEVICE: 2, DIRECTORY: 3, REGULAR_FILE: 4, SOCKET_STREAM: 6, SYMBOLIC_LINK: 7 };

export function filetypeOf(s: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean; isCharacterDevice?(): boolean; isBlockDevice?(): boolean; isSocket?(): boolean }): number {
  if (s.isFile()) return FILETYPE.REGULAR_FILE;
  if (s.isDirectory()) return FILETYPE.DIRECTORY;
  if (s.isSymbolicLink()) return FILETYPE.SYMBOLIC_LINK;
  if (s.isCharacterDevice?.()) return FILETYPE.CHARACTER_DEVICE;
  if (s.isBlockDevice?.()) return FILETYPE.BLOCK_DEVICE;
  if (s.isSocket?.()) return FILETYPE.SOCKET_STREAM;
  return FILETYPE.UNKNOWN;
}

/** A preopened directory: the name the addon sees, and its real host path. */
export interface Preopen {
  guest: string;
  real: string;
}

export interface DirEntry {
  kind: 'dir';
  root: Preopen;
  /** Real host path of this directory. */
  path: string;
}

export interface FileEntry {
  kind: 'file';
  root: Preopen;
  path: string;
  hostFd: number;
  position: bigint;
  readable: boolean;
  writable: boolean;
  append: boolean;
  rights: bigint;
}

export type Entry = DirEntry | FileEntry;

const MAX_SYMLINKS = 40;

/** Result of a path resolution that failed: a WASI errno. */
export class PathError {
  constructor(readonly errno: number) {}
}

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '' && s !== '.');
}

function isInside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith('/') ? root : `${root}/`);
}

function toPosix(path: string): string {
  return path.replace(/\\/g, '/');
}

/**
 * Resolves `rel` against the directory entry as the OS would, following
 * symbolic links (all of them, or all but the last component when
 * `followLast` is false) while the path exists, and checks that the result
 * stays inside the preopen. Returns the host path to operate on.
 */
export function resolvePath(fs: WasiFs, dir: DirEntry, rel: string, followLast: boolean): string {
  if (rel.includes('\0')) throw new PathError(E.INVAL);
  if (rel.startsWith('/')) throw new PathError(E.NOTCAPABLE);
  const root = dir.root.real;
  const stack = segments(toPosix(dir.path).slice(root.length));
  const pending = segments(rel).reverse();
  let links = 0;
  let missing = false;
  while (pending.length > 0) {
    const seg = pending.pop()!;
    if (seg === '..') {
      if (stack.length === 0) throw new PathError(E.NOTCAPABLE);
      stack.pop();
      continue;
    }
    const candidate = `${root}/${[...stack, seg].join('/')}`;
    const last = pending.length === 0;
    if (missing || (last && !followLast)) {
      stack.push(seg);
      continue;
    }
    let target: string | undefined;
    try {
      if (fs.lstatSync(candidate, { bigint: true }).isSymbolicLink()) target = toPosix(fs.readlinkSync(candidate));
    } catch (error) {
      const errno = errnoOf(error);
      if (errno !== E.NOENT) throw new PathError(errno);
      missing = true; // the rest does not exist yet (a file to create)
    }
    if (target === undefined) {
      stack.push(seg);
      continue;
    }
    if (++links > MAX_SYMLINKS) throw new PathError(E.LOOP);
    if (target.startsWith('/')) {
      // An absolute link must point inside the preopen's real path.
      if (!isInside(target, root)) throw new PathError(E.NOTCAPABLE);
      stack.length = 0;
      pending.push(...segments(target.slice(root.length)).reverse());
    } else {
      pending.push(...segments(target).reverse());
    }
  }
  return stack.length === 0 ? root : `${root}/${stack.join('/')}`;
}

/** Opens the preopens; fails if one is not a directory. */
export function openPreopens(fs: WasiFs, preopens: Readonly<Record<string, string>>, name: string): DirEntry[] {
  return Object.entries(preopens).map(([guest, host]) => {
    let real: string;
    try {
      real = toPosix(fs.realpathSync(host)).replace(/(.)\/$/, '$1');
      if (!fs.statSync(real, { bigint: true }).isDirectory()) throw new Error('not a directory');
    } catch (error) {
      throw new Error(`${name}: preopen ${guest} -> ${host} is not a directory (${(error as Error).message})`);
    }
    const root = { guest, real };
    return { kind: 'dir', root, path: real };
  });
}

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDir } from '../helpers/paths.js';
import { loadWasm } from './helpers.js';

// wasi-libc's errno values (WASI's)
const ENOENT = 44;
const ENOTCAPABLE = 76;
const EEXIST = 20;

interface Files {
  readFile(path: string): string | number;
  writeFile(path: string, text: string, append: boolean): number;
  seekAndRead(path: string): [string, string, number, string] | number;
  listDir(path: string): string[] | number;
  stat(path: string): { size: number; dir: boolean; file: boolean; link: boolean } | number;
  mkdir(path: string, _?: unknown): number;
  rmdir(path: string, _?: unknown): number;
  unlink(path: string, _?: unknown): number;
  rename(from: string, to: string): number;
  symlink(path: string, target: string): number;
  readLink(path: string): string | number;
  readStdin(): string | number;
  sleepMs(ms: number): number;
  yield(): number;
}

describe('WASI files and the sandbox (fixtures/node-api-wasi)', async () => {
  const top = freshDir('wasi-files');
  const data = path.join(top, 'data');
  const outside = path.join(top, 'outside');
  fs.mkdirSync(data);
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(data, 'hello.txt'), 'hello from the host');
  fs.writeFileSync(path.join(top, 'secret.txt'), 'secret');
  fs.writeFileSync(path.join(outside, 'file.txt'), 'outside');
  afterAll(() => fs.rmSync(top, { recursive: true, force: true }));

  const sandboxed = await loadWasm<Files>('node-api-wasi');
  const granted = await loadWasm<Files>('node-api-wasi', { preopens: { '/data': data }, fs });

  it('with no preopens every file call fails with ENOTCAPABLE and nothing is touched', () => {
    const target = path.join(data, 'created.txt');
    for (const p of ['/data/hello.txt', data + '/hello.txt', 'hello.txt', '/etc/hostname']) {
      expect(sandboxed.readFile(p), p).toBe(-ENOTCAPABLE);
    }
    expect(sandboxed.writeFile(target, 'x', false)).toBe(-ENOTCAPABLE);
    expect(sandboxed.mkdir(path.join(data, 'dir'))).toBe(-ENOTCAPABLE);
    expect(sandboxed.listDir('/')).toBe(-ENOTCAPABLE);
    expect(sandboxed.stat('/')).toBe(-ENOTCAPABLE);
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.existsSync(path.join(data, 'dir'))).toBe(false);
  });

  it('a granted preopen serves reads, writes, appends, directories and renames on the host', () => {
    expect(granted.readFile('/data/hello.txt')).toBe('hello from the host');
    expect(granted.writeFile('/data/new.txt', 'one', false)).toBe(0);
    expect(granted.writeFile('/data/new.txt', ' two', true)).toBe(0);
    expect(fs.readFileSync(path.join(data, 'new.txt'), 'utf8')).toBe('one two');
    expect(granted.stat('/data/new.txt')).toEqual({ size: 7, dir: false, file: true, link: false });
    expect(granted.mkdir('/data/sub')).toBe(0);
    expect(granted.mkdir('/data/sub')).toBe(-EEXIST);
    expect(granted.stat('/data/sub')).toMatchObject({ dir: true });
    expect(granted.rename('/data/new.txt', '/data/sub/moved.txt')).toBe(0);
    expect(fs.readFileSync(path.join(data, 'sub', 'moved.txt'), 'utf8')).toBe('one two');
    expect((granted.listDir('/data') as string[]).sort()).toEqual(['hello.txt', 'sub']);
    expect(granted.listDir('/data/sub')).toEqual(['moved.txt']);
    expect(granted.unlink('/data/sub/moved.txt')).toBe(0);
    expect(granted.rmdir('/data/sub')).toBe(0);
    expect(fs.existsSync(path.join(data, 'sub'))).toBe(false);
    expect(granted.readFile('/data/missing.txt')).toBe(-ENOENT);
  });

  it('seek, tell, pread and pwrite', () => {
    expect(granted.seekAndRead('/data/seek.txt')).toEqual(['world', 'rld', 11, 'J']);
    expect(fs.readFileSync(path.join(data, 'seek.txt'), 'utf8')).toBe('hello Jorld');
  });

  it('.. cannot leave the preopen', () => {
    expect(granted.readFile('/data/../secret.txt')).toBe(-ENOTCAPABLE);
    expect(granted.readFile('/data/sub/../../secret.txt')).toBe(-ENOTCAPABLE);
    expect(granted.writeFile('/data/../escaped.txt', 'x', false)).toBe(-ENOTCAPABLE);
    expect(fs.existsSync(path.join(top, 'escaped.txt'))).toBe(false);
    expect(granted.listDir('/data/..')).toBe(-ENOTCAPABLE);
    expect(granted.readFile('/secret.txt')).toBe(-ENOTCAPABLE);
  });

  it('a symbolic link cannot lead out of the preopen, whether it exists, dangles, is absolute or is a directory', () => {
    fs.symlinkSync('../secret.txt', path.join(data, 'up'));
    fs.symlinkSync(path.join(top, 'secret.txt'), path.join(data, 'absolute'));
    fs.symlinkSync(outside, path.join(data, 'dir-link'));
    fs.symlinkSync(path.join(outside, 'not-yet.txt'), path.join(data, 'dangling'));
    fs.symlinkSync('hello.txt', path.join(data, 'inside'));
    expect(granted.readFile('/data/up')).toBe(-ENOTCAPABLE);
    expect(granted.readFile('/data/absolute')).toBe(-ENOTCAPABLE);
    expect(granted.readFile('/data/dir-link/file.txt')).toBe(-ENOTCAPABLE);
    expect(granted.listDir('/data/dir-link')).toBe(-ENOTCAPABLE);
    expect(granted.writeFile('/data/dangling', 'x', false)).toBe(-ENOTCAPABLE);
    expect(granted.writeFile('/data/dir-link/new.txt', 'x', false)).toBe(-ENOTCAPABLE);
    expect(fs.existsSync(path.join(outside, 'not-yet.txt'))).toBe(false);
    expect(fs.existsSync(path.join(outside, 'new.txt'))).toBe(false);
    // Links that stay inside work, and links themselves can be looked at and removed.
    expect(granted.readFile('/data/inside')).toBe('hello from the host');
    expect(granted.stat('/data/up')).toMatchObject({ link: true });
    expect(granted.readLink('/data/up')).toBe('../secret.txt');
    expect(granted.unlink('/data/up')).toBe(0);
    expect(fs.existsSync(path.join(top, 'secret.txt'))).toBe(true);
  });

  it('the addon can make links, but an absolute one is refused and an escaping one cannot be followed', () => {
    expect(granted.symlink('/data/made-abs', '/etc/passwd')).toBe(-ENOTCAPABLE);
    expect(granted.symlink('/data/made-up', '../secret.txt')).toBe(0);
    expect(granted.readFile('/data/made-up')).toBe(-ENOTCAPABLE);
    expect(granted.symlink('/data/made-in', 'hello.txt')).toBe(0);
    expect(granted.readFile('/data/made-in')).toBe('hello from the host');
  });

  it('preopens need an fs', async () => {
    await expect(loadWasm('node-api-wasi', { preopens: { '/data': data } })).rejects.toThrow(/preopens need the fs option/);
  });

  it('stdin is empty by default, or the given bytes', async () => {
    expect(sandboxed.readStdin()).toBe('');
    const withInput = await loadWasm<Files>('node-api-wasi', { stdin: 'line 1\nline 2\n' });
    expect(withInput.readStdin()).toBe('line 1\nline 2\n');
    expect(withInput.readStdin()).toBe('');
  });

  it('nanosleep blocks for at least the time asked (poll_oneoff on a clock); sched_yield succeeds', () => {
    expect(sandboxed.sleepMs(30)).toBeGreaterThanOrEqual(30);
    expect(sandboxed.sleepMs(0)).toBeGreaterThanOrEqual(0);
    expect(sandboxed.yield()).toBe(0);
  });
});

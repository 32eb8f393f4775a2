// Bad input: one clear message naming the package, the file and the line,
// a hint, a non-zero exit, and no stack trace unless --verbose.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fixturesDir, freshDir } from '../helpers/paths.js';

const bad = (name: string) => path.join(fixturesDir, 'bad', name);

function expectOneCleanError(r: { code: number; stderr: string }, pattern: RegExp) {
  expect(r.code).toBe(1);
  const errors = r.stderr.split('\n').filter((l) => l.startsWith('napi-wasm: error:'));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  // The line after the error says what to do.
  const hint = r.stderr.split('\n')[r.stderr.split('\n').indexOf(errors[0]!) + 1]!;
  expect(hint.trim().length).toBeGreaterThan(20);
}

describe('bad input', () => {
  it('a folder without binding.gyp', () => {
    const r = runCli(['compile', bad('no-gyp'), '--out', freshDir('out')]);
    expectOneCleanError(r, /error: bad-no-gyp: .*no-gyp\/binding\.gyp: no binding\.gyp found/);
  });

  it('a syntax error in binding.gyp names the file and line', () => {
    const r = runCli(['compile', bad('gyp-syntax'), '--out', freshDir('out')]);
    expectOneCleanError(r, /error: bad-gyp-syntax: .*gyp-syntax\/binding\.gyp:6: gyp could not read the build file: syntax error/);
  });

  it('a source that fails to compile names the file and line', () => {
    const r = runCli(['compile', bad('compile-error'), '--out', freshDir('out')]);
    expectOneCleanError(r, /error: bad-compile-error: .*src\/broken\.c:4: compile error: use of undeclared identifier 'not_declared_anywhere'/);
  });

  it('no usable toolchain', () => {
    const r = runCli(['compile', path.join(fixturesDir, 'gyp-features'), '--out', freshDir('out')], { env: { NAPI_WASM_CLANG: '/nonexistent/clang' } });
    expectOneCleanError(r, /error: the toolchain \/nonexistent\/clang cannot build wasm32-wasi modules/);
    expect(r.stderr).toMatch(/apt-get install clang-19/);
  });

  it('--verbose adds the tool output and a stack trace', () => {
    const r = runCli(['compile', bad('compile-error'), '--out', freshDir('out'), '--verbose']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^\s+at /m);
    expect(r.stderr).toMatch(/1 error generated/);
  });

  it('--json reports the error as data', () => {
    const r = runCli(['compile', bad('compile-error'), '--out', freshDir('out'), '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { ok: boolean; error: { code: string; package: string; line: number } };
    expect(json).toMatchObject({ ok: false, error: { code: 'COMPILE_FAILED', package: 'bad-compile-error', line: 4 } });
  });

  it('usage errors exit with 2', () => {
    expect(runCli(['compile']).code).toBe(2);
    expect(runCli(['frobnicate']).code).toBe(2);
    expect(runCli(['--no-such-flag']).code).toBe(2);
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/napi-wasm compile <addon-dir>/);
  });
});

// Exceptions that come from libc++ itself. Templates and inline functions in
// the headers are compiled into the addon with exceptions on and throw
// normally. Code compiled into the toolchain's libc++.a (built with
// -fno-exceptions) cannot throw: it prints a message and aborts, which in
// Wasm is a trap, and no handler runs. These tests pin down both sides so
// docs/cxx-exceptions.md stays true.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCxxProgram } from './build.js';
import { runWasiProgram } from './run.js';

let wasm: Uint8Array;
beforeAll(async () => {
  wasm = await buildCxxProgram('stdlib_limits.cpp');
});

const run = (mode: string) => runWasiProgram(wasm, { args: [mode] });

describe('exceptions thrown by libc++', () => {
  it.each([
    ['vector-at', 'caught: vector'],
    ['optional', 'caught: bad_optional_access'],
    ['function', 'caught: std::bad_function_call'],
    ['any-cast', 'caught: bad any cast'],
    // operator new comes from our runtime, so allocation failure throws.
    ['bad-alloc', 'caught: std::bad_alloc'],
    ['new-array-length', 'caught: std::bad_alloc'],
  ])('%s: thrown from header code and caught', async (mode, line) => {
    const r = await run(mode);
    expect(r.stdout).toBe(`mode ${mode}\n${line}\n`);
    expect(r.exitCode).toBe(0);
  });

  it.each([
    ['stoi', 'invalid_argument was thrown in -fno-exceptions mode with message "stoi: no conversion"'],
    ['string-at', 'out_of_range was thrown in -fno-exceptions mode with message "basic_string"'],
  ])('%s: compiled into libc++.a, aborts instead of throwing', async (mode, message) => {
    const r = await run(mode);
    expect(r.stdout).toBe(`mode ${mode}\n`); // the catch clause never ran
    expect(r.stderr).toBe(message);
    expect(r.error).toBeInstanceOf(WebAssembly.RuntimeError);
    expect(r.error?.message).toBe('unreachable');
    expect(r.terminateMessage).toBeNull(); // abort() is not std::terminate
  });
});

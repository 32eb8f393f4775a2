// The same runtime under @yowasp/clang 22 (Clang compiled to Wasm, in-memory
// file system), and the instruction set both toolchains emit: the legacy
// Wasm EH instructions (try/catch/catch_all/rethrow/delegate), which Node 20
// runs, and none of the newer exnref ones (try_table/throw_ref).
//
// The first @yowasp/clang call in a process compiles its 105 MB module,
// which takes several seconds.
import { describe, expect, it } from 'vitest';
import { buildCxxProgram } from './build.js';
import { expectedStdout } from './expected.js';
import { runWasiProgram } from './run.js';
import { countEhInstructions, disassemble } from './toolchain-tools.js';

const FIXTURE = 'inheritance.cpp';

describe('@yowasp/clang', () => {
  it('builds the runtime and a fixture that then runs correctly', async () => {
    const wasm = await buildCxxProgram(FIXTURE, { toolchain: 'yowasp' });
    const result = await runWasiProgram(wasm);
    expect(result.error).toBeNull();
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n').slice(0, -1)).toEqual(expectedStdout[FIXTURE]!.lines);

    const counts = countEhInstructions(await disassemble(wasm));
    expect(counts.try).toBeGreaterThan(0);
    expect(counts.catch).toBeGreaterThan(0);
    expect(counts.throw).toBeGreaterThan(0);
    expect(counts.try_table).toBe(0);
    expect(counts.throw_ref).toBe(0);
  });
});

describe('clang-19', () => {
  it('emits only the legacy exception instructions', async () => {
    const wasm = await buildCxxProgram(FIXTURE);
    expect(WebAssembly.validate(wasm as Uint8Array<ArrayBuffer>)).toBe(true);
    const counts = countEhInstructions(await disassemble(wasm));
    expect(counts.try).toBeGreaterThan(0);
    expect(counts.catch).toBeGreaterThan(0);
    expect(counts.catch_all).toBeGreaterThan(0);
    expect(counts.rethrow).toBeGreaterThan(0);
    expect(counts.throw).toBeGreaterThan(0);
    expect(counts.try_table).toBe(0);
    expect(counts.throw_ref).toBe(0);
  });
});

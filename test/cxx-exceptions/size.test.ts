// What exceptions cost in code size: fixtures/cxx-exceptions/size_probe.cpp
// built with -O2 and --strip-all, once with -fno-exceptions and once with
// -fwasm-exceptions plus the runtime. The numbers go to the log (and to
// docs/cxx-exceptions.md); the bound only catches a runaway regression.
import { describe, expect, it } from 'vitest';
import { buildCxxProgram } from './build.js';
import { runWasiProgram } from './run.js';

describe('code size', () => {
  it('of -fwasm-exceptions plus the runtime, against -fno-exceptions', async () => {
    const without = await buildCxxProgram('size_probe.cpp', { exceptions: false, strip: true });
    const withExceptions = await buildCxxProgram('size_probe.cpp', { strip: true });
    for (const wasm of [without, withExceptions]) {
      const r = await runWasiProgram(wasm);
      expect(r.stdout).toBe("error: missing '=' after c\n");
      expect(r.exitCode).toBe(1);
    }
    const cost = withExceptions.length - without.length;
    console.log(
      `size_probe -O2 --strip-all: -fno-exceptions ${without.length} B, ` +
        `-fwasm-exceptions + runtime ${withExceptions.length} B (+${cost} B)`,
    );
    expect(cost).toBeGreaterThan(0);
    expect(cost).toBeLessThan(32 * 1024);
  });
});

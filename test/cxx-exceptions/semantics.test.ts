// Exception semantics: each fixture is compiled with clang++-19
// -fwasm-exceptions -fno-rtti plus our runtime, run under node:wasi, and its
// stdout compared with what the same program prints natively (expected.ts).
import { describe, expect, it } from 'vitest';
import { buildCxxProgram } from './build.js';
import { expectedStdout } from './expected.js';
import { runWasiProgram } from './run.js';

describe('C++ exceptions under -fwasm-exceptions (clang-19)', () => {
  for (const [fixture, { title, lines }] of Object.entries(expectedStdout)) {
    it(title, async () => {
      const result = await runWasiProgram(await buildCxxProgram(fixture));
      expect(result.error).toBeNull();
      expect(result.escapedCxxException).toBe(false);
      expect(result.terminateMessage).toBeNull();
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      expect(result.stdout.split('\n').slice(0, -1)).toEqual(lines);
    });
  }
});

// Start-up: time from the loader's require() to the end of the first call,
// in a fresh Node process per run (no warm caches), median of several runs.
import { execFileSync } from 'node:child_process';
import { median } from './common.mjs';

/** Runs in the child: require the loader, call mask() once on 16 bytes. */
const CHILD = `
const t0 = performance.now();
const m = require(process.argv[1]);
const source = Buffer.alloc(16, 0x5a), mask = Buffer.from([1, 2, 3, 4]), out = Buffer.alloc(16);
m.mask(source, mask, out, 0, 16);
const t1 = performance.now();
process.stdout.write(JSON.stringify({ ms: t1 - t0, correct: out[0] === (0x5a ^ 1) }));
`;

/** @returns {{ medianMs?: number, runsMs?: number[], correct?: boolean, error?: string }} */
export function measureStartup(file, runs = 9) {
  const runsMs = [];
  let correct = true;
  try {
    for (let i = 0; i < runs; i++) {
      const out = JSON.parse(execFileSync(process.execPath, ['--no-warnings', '-e', CHILD, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
      runsMs.push(out.ms);
      correct &&= out.correct;
    }
  } catch (err) {
    const lines = String(err.stderr ?? err.message).split('\n').filter((l) => /^\w*Error\b/.test(l));
    return { error: lines[0]?.trim() ?? 'failed' };
  }
  return { medianMs: median(runsMs), runsMs: runsMs.map((v) => Math.round(v * 1000) / 1000), correct };
}

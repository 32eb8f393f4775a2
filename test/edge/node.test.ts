// Node 20 runs the converted fixture app from a CommonJS entry (check.cjs) and
// an ESM entry (node.mjs), with the shared assertions of checks.mjs.
import { beforeAll, describe, it } from 'vitest';
import { ALL_PACKAGES, convertedApp, expectAllPassed, parseChecked, recordChecked, run, type Checked } from './harness.js';

let app: string;
beforeAll(() => {
  app = convertedApp('node');
});

describe('Node', () => {
  for (const [entry, args] of [
    ['CommonJS entry', ['check.cjs', '--json']],
    ['ESM entry', ['node.mjs']],
  ] as const) {
    it(`${entry}: every package is served by its Wasm build`, async () => {
      const r = await run(process.execPath, [...args, ...ALL_PACKAGES], { cwd: app, timeoutMs: 30_000 });
      let out: Checked | undefined;
      try {
        out = parseChecked(r);
        expectAllPassed(out, ALL_PACKAGES);
      } finally {
        recordChecked('node', entry, ALL_PACKAGES, r.startedAt, out);
      }
    });
  }
});

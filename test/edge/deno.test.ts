// Deno (npm `deno`) runs the converted fixture app from an ESM entry (node.mjs)
// and a CommonJS entry (check.cjs). Converted packages are CommonJS, and Deno
// resolves a require() through the "node" condition, so the addon is read
// from disk with node:fs: --allow-read is needed (for the app folder only),
// and a run without it fails on that read. msgpackr and keccak's
// readable-stream each read one environment variable.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';
import { ALL_PACKAGES, bin, convertedApp, expectAllPassed, parseChecked, recordChecked, run, type Checked } from './harness.js';

const env = { DENO_NO_UPDATE_CHECK: '1', DENO_DIR: path.join(repoRoot, '.cache', 'deno'), NO_COLOR: '1' };
const permissions = (app: string) => [`--allow-read=${app}`, '--allow-env=MSGPACKR_NATIVE_ACCELERATION_DISABLED,READABLE_STREAM'];

let app: string;
beforeAll(() => {
  app = convertedApp('deno');
});

describe('Deno', () => {
  for (const [entry, file, args] of [
    ['ESM entry', 'node.mjs', []],
    ['CommonJS entry', 'check.cjs', ['--json']],
  ] as const) {
    it(`${entry}: every package is served by its Wasm build`, async () => {
      const r = await run(bin('deno'), ['run', '--no-lock', ...permissions(app), file, ...args, ...ALL_PACKAGES], { cwd: app, env, timeoutMs: 60_000 });
      let out: Checked | undefined;
      try {
        out = parseChecked(r);
        expectAllPassed(out, ALL_PACKAGES);
      } finally {
        recordChecked('deno', entry, ALL_PACKAGES, r.startedAt, out);
      }
    });
  }

  it('without --allow-read the addon cannot be read, and says so', async () => {
    const r = await run(bin('deno'), ['run', '--no-lock', 'node.mjs', 'bufferutil'], { cwd: app, env, timeoutMs: 60_000 });
    const out = parseChecked(r);
    expect(out.results[0]).toMatchObject({ name: 'bufferutil', ok: false });
    expect(out.results[0]!.error).toMatch(/Requires read access to ".*bufferutil\/napi-wasm\/bufferutil\.wasm"/);
  });
});

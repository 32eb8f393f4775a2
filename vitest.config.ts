import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Compiled napi-shims are cached under the checkout, never in a user or /tmp folder.
    env: { NAPI_WASM_CACHE_DIR: new URL('./.cache/napi-wasm', import.meta.url).pathname },
    globalSetup: ['test/setup/global.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    // Compiles are CPU-bound and the machines have 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});

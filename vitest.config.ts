import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/global.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    // Compiles are CPU-bound and the machines have 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});

import { defineConfig } from 'vitest/config';

/** The fault suite: `npm run test:faults`. Slower than the unit suite; prints a closing table. */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
    setupFiles: ['test/support/setup.ts'],
    globalSetup: ['test/faults/table.ts'],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['common/**/*.test.ts', 'main/**/*.test.ts', 'preload/**/*.test.ts', 'renderer/src/**/*.test.ts', 'sandbox/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration and end-to-end tests each start a sandbox and a browser; two cores do not
    // gain from more than two at once.
    maxWorkers: 2,
  },
});

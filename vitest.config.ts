import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', '*-ui/src/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Crash tests spawn server processes; two cores do not gain from more forks.
    maxWorkers: 2,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two test files at a time on the 2-core CI machine (vitest's default leaves one core idle):
    // most files wait on child processes, servers and databases rather than on the CPU.
    maxWorkers: 2,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'renderer/**/*.test.ts', 'scripts/**/*.test.ts', 'electron/**/*.test.ts'],
    // node-llama-cpp and LanceDB are native addons: separate processes, not worker threads.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default', './scripts/vitest-closing-line.ts'],
  },
});

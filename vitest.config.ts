import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Pairings cost ~12 ms each: crypto-heavy property tests need more than the 5 s default.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Notebook and browser tests start kernels and Chromium; on a 2-core machine run files one at a time.
    fileParallelism: false,
    // fast-check's property tests draw from one fixed seed, so a run is reproducible (FC_SEED=… to explore others).
    setupFiles: ["tests/helpers/fast-check-seed.ts"],
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Notebook and browser tests start kernels and Chromium; on a 2-core machine run files one at a time.
    fileParallelism: false,
  },
});

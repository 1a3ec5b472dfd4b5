import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ".data/**", ".scratch/**"],
    globalSetup: ["tests/setup/global.ts"],
    setupFiles: ["tests/setup/each-file.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Test files share one generated sandbox; two workers suit the two-core machines we run on.
    maxWorkers: 2,
  },
});

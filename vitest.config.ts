import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One copy of graphql for everyone, or schemas built by one copy fail in the other ("another realm").
    alias: { graphql: require.resolve("graphql").replace(/index\.js$/, "index.mjs") },
  },
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

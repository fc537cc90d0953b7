import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["{api,db,web,test}/**/*.test.ts", "{api,db,web,test}/**/*.test.tsx"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    globalSetup: ["db/src/testing/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    // CI also writes a JSON report that .ci/run turns into its closing "N passed, N failed" line.
    reporters: process.env.CI
      ? ["default", ["json", { outputFile: "test-results/vitest.json" }]]
      : ["default"],
  },
});

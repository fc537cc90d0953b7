import { defineConfig } from "vitest/config";
import SlowFilesFirst from "./test/support/slow-files-first";

const e2eFiles = "test/e2e/**/*.e2e.test.ts";

export default defineConfig({
  test: {
    exclude: ["**/node_modules/**", "**/dist/**"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    // expect.poll waits for what a test expects; its 1 s default turns a busy machine red.
    expect: { poll: { timeout: 10_000 } },
    // The slowest files start first, also in a fresh clone without vitest's cache of durations.
    sequence: { sequencer: SlowFilesFirst },
    // CI also writes a JSON report that .ci/run turns into its closing "N passed, N failed" line.
    reporters: process.env.CI
      ? ["default", ["json", { outputFile: "test-results/vitest.json" }]]
      : ["default"],
    // Two projects, one `pnpm test`: the unit project (the API against both databases, pure
    // code, the web's units) runs first on every core and never starts a browser; the e2e
    // project then runs two files at a time against one Chromium for the run: a file waits on
    // its browser and server about a third of the time, which the other file fills (decisions
    // 026, 045 and 054). Its demo data is seeded in the background meanwhile.
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["{api,db,web,test}/**/*.test.ts", "{api,db,web,test}/**/*.test.tsx"],
          exclude: ["**/node_modules/**", "**/dist/**", e2eFiles],
          globalSetup: ["db/src/testing/global-setup.ts"],
          // Every core: vitest's default is cores - 1, one worker on a 2-core machine.
          maxWorkers: "100%",
          // A worker imports the API (hono, zod, better-auth, drizzle) once for all its files
          // instead of once per file: a third of the project's CPU (decision 045). Files keep
          // no state between them: each opens and closes its own databases and servers.
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: [e2eFiles],
          globalSetup: ["test/support/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 300_000,
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});

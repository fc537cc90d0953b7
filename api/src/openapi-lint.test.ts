import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createTestDatabase, type TestDatabase } from "@tandem/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { call, createTestApp } from "./testing/test-app";

const run = promisify(execFile);
const apiDir = fileURLToPath(new URL("..", import.meta.url));

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("pglite");
});
afterAll(() => database.close());

// `redocly lint` on the document the server publishes, offline: no telemetry, no update check,
// and the document has no remote $ref, so nothing is fetched.
it("publishes an OpenAPI document that redocly lint passes with no errors", async () => {
  const { app } = createTestApp(database);
  const doc = await (await call(app, "GET", "/api/v1/openapi.json")).text();
  const path = join(await mkdtemp(join(tmpdir(), "tandem-openapi-")), "openapi.json");
  await writeFile(path, doc);
  expect(doc).not.toMatch(/"\$ref":\s*"https?:/);
  // Every operation names itself and says how it is called (session, API key, or public).
  const parsed: {
    paths: Record<string, Record<string, { operationId?: unknown; security?: unknown }>>;
  } = JSON.parse(doc);
  const operations = Object.values(parsed.paths).flatMap((item) => Object.values(item));
  expect(operations.length).toBeGreaterThan(50);
  expect(operations.filter((o) => typeof o.operationId !== "string")).toEqual([]);
  expect(operations.filter((o) => !Array.isArray(o.security))).toEqual([]);
  const ids = operations.map((o) => o.operationId);
  expect(new Set(ids).size).toBe(ids.length);
  const result = await run(
    "pnpm",
    [
      "exec",
      "redocly",
      "lint",
      path,
      "--config",
      join(apiDir, "redocly.yaml"),
      "--format",
      "stylish",
    ],
    {
      cwd: apiDir,
      env: {
        ...process.env,
        REDOCLY_TELEMETRY: "off",
        REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
        NO_UPDATE_NOTIFIER: "1",
      },
    },
  ).catch((error: { stdout?: string; stderr?: string }) => ({
    stdout: error.stdout ?? "",
    stderr: error.stderr ?? "",
    failed: true,
  }));
  const output = `${result.stdout}\n${result.stderr}`;
  expect("failed" in result ? output : "", output).toBe("");
}, 120_000);

import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync } from "node:zlib";
import { organization } from "@tandem/db/schema";
import { createTestDatabase, type TestDatabase } from "@tandem/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  call,
  createTestApp,
  readProblem,
  signUp,
  TEST_ORIGIN,
  type TestApp,
} from "./testing/test-app";

describe("app", () => {
  let database: TestDatabase;
  let app: TestApp;
  const dist = mkdtempSync(join(tmpdir(), "tandem-dist-"));

  beforeAll(async () => {
    mkdirSync(join(dist, "assets"));
    writeFileSync(join(dist, "index.html"), "<!doctype html><title>Tandem</title>");
    writeFileSync(join(dist, "assets", "index-abc123.js"), "console.log(1)");
    // The build's brotli copy (web/build/precompress.ts) beside the plain file.
    writeFileSync(join(dist, "assets", "index-abc123.js.br"), brotliCompressSync("console.log(1)"));
    database = await createTestDatabase("pglite");
    app = createTestApp(database, { webDist: dist }).app;
  });
  afterAll(() => database.destroy());

  it("answers unknown API routes with problem+json", async () => {
    const response = await call(app, "GET", "/api/v1/nothing-here");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const problem = await readProblem(response);
    expect(problem).toMatchObject({ status: 404, code: "not_found", title: "Not found" });
    expect(problem.requestId).toMatch(/\S/);
    expect(response.headers.get("x-request-id")).toBe(problem.requestId);
  });

  it("answers malformed JSON from a signed-in caller with a 400 problem, and creates nothing", async () => {
    // Signed in, so the answer is about the body and not a 401 for the missing session.
    const caller = await signUp(app);
    const organizations = () => database.db.$count(organization);
    const before = await organizations();
    const response = await app.request(`${TEST_ORIGIN}/api/v1/organizations`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: TEST_ORIGIN, cookie: caller.cookie },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await readProblem(response)).toMatchObject({ status: 400, code: "bad_request" });
    expect(await organizations()).toBe(before);
  });

  it("hides unexpected errors behind a request id", async () => {
    const broken = createTestApp(database).app;
    broken.get("/api/boom", () => {
      throw new Error("secret internals at db.ts:42");
    });
    const response = await call(broken, "GET", "/api/boom");
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("secret internals");
    expect(text).not.toContain("db.ts");
    expect(JSON.parse(text).code).toBe("internal_error");
  });

  it("serves hashed assets with a long cache and falls back to index.html", async () => {
    const asset = await call(app, "GET", "/assets/index-abc123.js");
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const page = await call(app, "GET", "/plan/some/deep/link");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("cache-control")).toBe("no-cache");
    expect(await page.text()).toContain("<title>Tandem</title>");
    const missingAsset = await call(app, "GET", "/assets/missing.js");
    expect(missingAsset.status).toBe(404);
  });

  it("sends a file's precompressed copy to a browser that accepts it, the plain file otherwise", async () => {
    const brotli = await call(app, "GET", "/assets/index-abc123.js", {
      headers: { "accept-encoding": "gzip, deflate, br, zstd" },
    });
    expect(brotli.status).toBe(200);
    expect(brotli.headers.get("content-encoding")).toBe("br");
    expect(brotli.headers.get("vary")).toContain("Accept-Encoding");
    expect(brotli.headers.get("content-type")).toContain("javascript");
    expect(brotli.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const body = Buffer.from(await brotli.arrayBuffer());
    expect(brotliDecompressSync(body).toString()).toBe("console.log(1)");
    // No .gz copy was written: a gzip-only client gets the plain file, not a wrong encoding.
    const gzipOnly = await call(app, "GET", "/assets/index-abc123.js", {
      headers: { "accept-encoding": "gzip" },
    });
    expect(gzipOnly.headers.get("content-encoding")).toBeNull();
    expect(await gzipOnly.text()).toBe("console.log(1)");
  });

  it("sends security headers and publishes its OpenAPI document", async () => {
    const response = await call(app, "GET", "/api/v1/openapi.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const doc = await response.json();
    expect(JSON.stringify(doc)).toContain("/api/v1/organizations");
  });
});

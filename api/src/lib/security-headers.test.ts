import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase, type TestDatabase } from "@tandem/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createGoal, createOwner, createTestApp, type TestApp } from "../testing/test-app";

describe("security headers", () => {
  let database: TestDatabase;
  let app: TestApp;
  const dist = mkdtempSync(join(tmpdir(), "tandem-dist-"));

  beforeAll(async () => {
    mkdirSync(join(dist, "assets"));
    writeFileSync(join(dist, "index.html"), "<!doctype html><title>Tandem</title>");
    writeFileSync(join(dist, "assets", "index-abc123.js"), "console.log(1)");
    writeFileSync(join(dist, "assets", "index-abc123.js.map"), '{"sources":["secret.ts"]}');
    database = await createTestDatabase("pglite");
    app = createTestApp(database, { webDist: dist }).app;
  });
  afterAll(() => database.destroy());

  it("send a Content-Security-Policy without inline scripts on the app's pages", async () => {
    const page = await call(app, "GET", "/settings");
    const csp = page.headers.get("content-security-policy") ?? "";
    const directives = new Map(
      csp.split(";").map((d) => {
        const [name = "", ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get("script-src")).toEqual(["'self'"]);
    expect(directives.get("default-src")).toEqual(["'self'"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp).not.toContain("unsafe");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("do not serve source maps", async () => {
    const map = await call(app, "GET", "/assets/index-abc123.js.map");
    expect(map.status).toBe(404);
    expect(await map.text()).not.toContain("secret.ts");
    expect((await call(app, "GET", "/assets/index-abc123.js")).status).toBe(200);
  });

  it("mark one-time secrets and every API answer no-store", async () => {
    const owner = await createOwner(app);
    const key = await call(app, "POST", "/api/v1/api-keys", {
      caller: owner,
      body: { name: "CRM" },
    });
    expect(key.status).toBe(201);
    expect(key.headers.get("cache-control")).toBe("no-store");
    const goal = await createGoal(app, owner, {
      name: "Q4",
      startsOn: "2026-10-01",
      endsOn: "2026-12-31",
      target: 100000,
      plan: { leadToMql: 0.25, mqlToSql: 0.3, sqlToWon: 0.25, avgDealSize: 10000 },
    });
    const display = await call(app, "POST", "/api/v1/displays", {
      caller: owner,
      body: { name: "Lobby", goalId: goal.id },
    });
    expect(display.status).toBe(201);
    expect(display.headers.get("cache-control")).toBe("no-store");
    const invitation = await call(app, "POST", "/api/v1/members", {
      caller: owner,
      body: { email: "nobody-yet@example.test", role: "member" },
    });
    expect(invitation.status).toBe(201);
    expect(await invitation.text()).toContain("acceptUrl");
    expect(invitation.headers.get("cache-control")).toBe("no-store");
    for (const path of ["/api/v1/me", "/api/v1/members", "/api/v1/goals"]) {
      const response = await call(app, "GET", path, { caller: owner });
      expect(response.status, path).toBe(200);
      expect(response.headers.get("cache-control"), path).toBe("no-store");
    }
    // Refusals too: a 401 must not be replayed from a cache after signing in.
    expect((await call(app, "GET", "/api/v1/me")).headers.get("cache-control")).toBe("no-store");
  });
});

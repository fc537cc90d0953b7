import { createTestDatabase, describeEachEngine } from "@tandem/db/testing";
import { expect, it } from "vitest";
import { call, createTestApp, readAs } from "../../testing/test-app";
import { healthSchema } from "./health.routes";

describeEachEngine("health", (db, kind) => {
  it("reports the database reachable", async () => {
    const response = await call(createTestApp(db()).app, "GET", "/api/health");
    expect(response.status).toBe(200);
    expect(await readAs(response, healthSchema)).toEqual({ status: "ok", db: "ok" });
  });

  it("answers 503 when the database is gone", async () => {
    const dead = await createTestDatabase(kind);
    const { app } = createTestApp(dead);
    await dead.destroy();
    const response = await call(app, "GET", "/api/health");
    expect(response.status).toBe(503);
    expect(await readAs(response, healthSchema)).toEqual({ status: "degraded", db: "unreachable" });
  });
});

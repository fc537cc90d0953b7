import { describeEachEngine } from "@tandem/db/testing";
import { expect, it } from "vitest";
import {
  call,
  createOwner,
  createTestApp,
  readAs,
  readProblem,
  signIn,
  signUp,
} from "../../testing/test-app";
import { meSchema } from "../me/me.routes";
import { organizationSchema } from "./organizations.routes";

describeEachEngine("organizations and me", (db) => {
  const app = () => createTestApp(db()).app;

  it("creates an organization owned by the caller and makes it active", async () => {
    const a = app();
    const owner = await createOwner(a, {
      name: "Acme",
      currency: "eur",
      timezone: "Europe/Berlin",
    });
    const me = await call(a, "GET", "/api/v1/me", { caller: owner });
    expect(me.status).toBe(200);
    const body = await readAs(me, meSchema);
    expect(body.role).toBe("owner");
    expect(body.organization).toMatchObject({
      id: owner.orgId,
      name: "Acme",
      currency: "EUR",
      timezone: "Europe/Berlin",
    });
    expect(body.user.email).toBe(owner.email);
    expect(JSON.stringify(body)).not.toMatch(/password/i);
  });

  it("names every bad field and creates nothing", async () => {
    const a = app();
    const user = await signUp(a);
    const response = await call(a, "POST", "/api/v1/organizations", {
      caller: user,
      body: { name: "", currency: "XXY", timezone: "Mars/Olympus", extra: 1 },
    });
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    const problem = await readProblem(response);
    expect(problem.code).toBe("validation_failed");
    const paths = (problem.errors ?? []).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["name", "currency", "timezone", "extra"]));
    const me = await call(a, "GET", "/api/v1/me", { caller: user });
    expect(me.status).toBe(403);
  });

  it("answers 401 without a session", async () => {
    const a = app();
    const response = await call(a, "POST", "/api/v1/organizations", {
      body: { name: "X", currency: "USD", timezone: "UTC" },
    });
    expect(response.status).toBe(401);
    expect((await readProblem(response)).code).toBe("unauthorized");
  });

  it("switches only into the caller's own organizations", async () => {
    const a = app();
    const first = await createOwner(a, { name: "First" });
    const other = await createOwner(a, { name: "Other" });
    const denied = await call(a, "POST", "/api/v1/organizations/active", {
      caller: first,
      body: { organizationId: other.orgId },
    });
    expect(denied.status).toBe(404);
    const second = await call(a, "POST", "/api/v1/organizations", {
      caller: first,
      body: { name: "Second", currency: "GBP", timezone: "Europe/London" },
    });
    const secondId = (await readAs(second, organizationSchema)).id;
    expect(
      (await readAs(await call(a, "GET", "/api/v1/me", { caller: first }), meSchema)).organization
        .id,
    ).toBe(secondId);
    const back = await call(a, "POST", "/api/v1/organizations/active", {
      caller: first,
      body: { organizationId: first.orgId },
    });
    expect(back.status).toBe(200);
    const me = await readAs(await call(a, "GET", "/api/v1/me", { caller: first }), meSchema);
    expect(me.organization.id).toBe(first.orgId);
    expect(me.organizations.map((o) => o.name).sort()).toEqual(["First", "Second"]);
  });

  it("starts a new session in the user's organization", async () => {
    const a = app();
    const owner = await createOwner(a, { name: "Lands here" });
    const again = await signIn(a, owner.email, "correct-horse-battery");
    const me = await readAs(await call(a, "GET", "/api/v1/me", { caller: again }), meSchema);
    expect(me.organization.id).toBe(owner.orgId);
  });
});

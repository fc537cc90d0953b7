import { listAudit } from "@tandem/db/queries/audit";
import { countFacts } from "@tandem/db/queries/ingest-inspect";
import { describeEachEngine } from "@tandem/db/testing";
import { beforeAll, expect, it } from "vitest";
import {
  addMember,
  type Caller,
  call,
  createTestApp,
  newOrganization,
  readAs,
  readProblem,
  signUp,
  TEST_ORIGIN,
  type TestApp,
} from "../../testing/test-app";
import { createKey, ingest, ingestOk } from "../ingest/ingest.helpers";
import { apiKeyListSchema } from "./api-keys.routes";

const lead = (id: string) => ({ externalId: id, createdAt: "2026-03-02T10:00:00Z", source: "web" });

describeEachEngine("API keys", (db) => {
  let a: TestApp;
  let person: Caller;
  let stranger: Caller;
  beforeAll(async () => {
    a = createTestApp(db()).app;
    person = await signUp(a);
    stranger = await signUp(a);
  });

  it("shows the secret once, lists keys without it and audits creation", async () => {
    const owner = await newOrganization(a, person);
    const key = await createKey(a, owner, "HubSpot");
    expect(key.token).toMatch(new RegExp(`^tdm_${owner.orgId}_[A-Za-z0-9_-]{43}$`));
    expect(key.token.startsWith(key.prefix)).toBe(true);
    expect(key).toMatchObject({
      name: "HubSpot",
      scope: "ingest",
      revokedAt: null,
      lastUsedAt: null,
    });
    const response = await call(a, "GET", "/api/v1/api-keys", { caller: owner });
    const text = await response.clone().text();
    expect(text).not.toContain(key.token.slice(-43));
    const list = await readAs(response, apiKeyListSchema);
    expect(list.items.map((k) => k.id)).toEqual([key.id]);
    const audit = await listAudit(db().db, owner.orgId, { limit: 10 });
    expect(audit.map((e) => [e.action, e.entity, e.entityId])).toContainEqual([
      "create",
      "api_key",
      key.id,
    ]);
    expect(JSON.stringify(audit)).not.toContain(key.token.slice(-43));
  });

  it("stops a revoked key at once and audits the revocation", async () => {
    const owner = await newOrganization(a, person);
    const key = await createKey(a, owner);
    await ingestOk(a, key.token, "leads", { records: [lead("L1")] });
    const revoked = await call(a, "DELETE", `/api/v1/api-keys/${key.id}`, { caller: owner });
    expect(revoked.status).toBe(204);
    const refused = await ingest(a, key.token, "leads", { records: [lead("L2")] });
    expect(refused.status).toBe(401);
    expect((await readProblem(refused)).code).toBe("unauthorized");
    expect(await countFacts(db().db, "leads", owner.orgId)).toBe(1);
    const again = await call(a, "DELETE", `/api/v1/api-keys/${key.id}`, { caller: owner });
    expect(again.status).toBe(204);
    const audit = await listAudit(db().db, owner.orgId, { limit: 10 });
    expect(audit.filter((e) => e.action === "revoke").map((e) => e.entityId)).toEqual([key.id]);
    const list = await readAs(
      await call(a, "GET", "/api/v1/api-keys", { caller: owner }),
      apiKeyListSchema,
    );
    expect(list.items[0]?.revokedAt).not.toBeNull();
    expect(list.items[0]?.lastUsedAt).not.toBeNull();
  });

  it("lets only owners manage keys and hides other organizations' keys", async () => {
    const owner = await newOrganization(a, person);
    const other = await newOrganization(a, stranger, { name: "Other" });
    const otherKey = await createKey(a, other);
    for (const role of ["viewer", "member", "exec"] as const) {
      const person = await addMember(a, owner, role);
      const denied = await call(a, "POST", "/api/v1/api-keys", {
        caller: person,
        body: { name: "x" },
      });
      expect(denied.status, role).toBe(403);
    }
    const revoke = await call(a, "DELETE", `/api/v1/api-keys/${otherKey.id}`, { caller: owner });
    expect(revoke.status).toBe(404);
    await ingestOk(a, otherKey.token, "leads", { records: [lead("still-works")] });
    const list = await readAs(
      await call(a, "GET", "/api/v1/api-keys", { caller: owner }),
      apiKeyListSchema,
    );
    expect(list.items).toEqual([]);
  });

  it("pages the list by cursor", async () => {
    const owner = await newOrganization(a, person);
    const keys = [];
    for (const name of ["one", "two", "three"]) keys.push(await createKey(a, owner, name));
    const first = await readAs(
      await call(a, "GET", "/api/v1/api-keys?limit=2", { caller: owner }),
      apiKeyListSchema,
    );
    expect(first.items.map((k) => k.name)).toEqual(["three", "two"]);
    const second = await readAs(
      await call(a, "GET", `/api/v1/api-keys?limit=2&cursor=${first.nextCursor}`, {
        caller: owner,
      }),
      apiKeyListSchema,
    );
    expect(second).toMatchObject({ items: [{ name: "one" }], nextCursor: null });
  });

  it("writes only into the key's own organization and reads nothing anywhere", async () => {
    const orgA = await newOrganization(a, person, { name: "A" });
    const orgB = await newOrganization(a, stranger, { name: "B" });
    const keyA = await createKey(a, orgA);
    await ingestOk(a, keyA.token, "leads", { records: [lead("shared-id")] });
    expect(await countFacts(db().db, "leads", orgA.orgId)).toBe(1);
    expect(await countFacts(db().db, "leads", orgB.orgId)).toBe(0);

    // Swapping the org id in the token does not move the secret to another tenant.
    const forged = keyA.token.replace(orgA.orgId, orgB.orgId);
    expect((await ingest(a, forged, "leads", { records: [lead("x")] })).status).toBe(401);
    expect(await countFacts(db().db, "leads", orgB.orgId)).toBe(0);

    const bearer = { authorization: `Bearer ${keyA.token}` };
    for (const [method, path] of [
      ["GET", "/api/v1/me"],
      ["GET", "/api/v1/api-keys"],
      ["POST", "/api/v1/api-keys"],
      ["GET", "/api/v1/goals"],
      ["GET", "/api/v1/audit"],
      ["GET", "/api/v1/leads/shared-id/feedback"],
      ["POST", "/api/v1/imports/leads"],
    ] as const) {
      const response = await call(a, method, path, {
        headers: bearer,
        body: method === "POST" ? {} : undefined,
      });
      expect(response.status, `${method} ${path}`).toBe(401);
    }
  });

  it("refuses sessions, malformed and missing keys on ingest", async () => {
    const owner = await newOrganization(a, person);
    const bySession = await call(a, "POST", "/api/v1/ingest/leads", {
      caller: owner,
      body: { records: [lead("x")] },
    });
    expect(bySession.status).toBe(401);
    expect(bySession.headers.get("www-authenticate")).toContain("Bearer");
    for (const token of [
      "",
      "tdm_",
      "nope",
      `tdm_${owner.orgId}_short`,
      `tdm_${owner.orgId}_${"A".repeat(43)}`,
    ]) {
      const response = await a.request(`${TEST_ORIGIN}/api/v1/ingest/leads`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ records: [lead("x")] }),
      });
      expect(response.status, token).toBe(401);
    }
    expect(await countFacts(db().db, "leads", owner.orgId)).toBe(0);
  });
});

import { listAudit } from "@tandem/db/queries/audit";
import { countFacts } from "@tandem/db/queries/ingest-inspect";
import { describeEachEngine } from "@tandem/db/testing";
import { beforeAll, expect, it } from "vitest";
import {
  type Caller,
  createOwner,
  createTestApp,
  newOrganization,
  readAs,
  readProblem,
  TEST_ORIGIN,
  type TestApp,
} from "../../testing/test-app";
import { createKey } from "./ingest.helpers";
import { ingestResultSchema } from "./ingest.schemas";

const send = (app: TestApp, token: string, key: string, body: unknown) =>
  Promise.resolve(
    app.request(`${TEST_ORIGIN}/api/v1/ingest/leads`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        "idempotency-key": key,
      },
      body: JSON.stringify(body),
    }),
  );

const batch = (source: string) => ({
  records: ["i1", "i2"].map((externalId) => ({
    externalId,
    createdAt: "2026-03-02T10:00:00Z",
    source,
  })),
});

describeEachEngine("Idempotency-Key on ingest", (db) => {
  let app: TestApp;
  let user: Caller;
  beforeAll(async () => {
    app = createTestApp(db()).app;
    user = await createOwner(app);
  });

  it("answers a retry with the stored answer and refuses the key for another body", async () => {
    const org = await newOrganization(app, user);
    const { token } = await createKey(app, org);
    const first = await send(app, token, "sync-2026-03-02", batch("web"));
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-remaining")).not.toBeNull();
    const answer = await readAs(first, ingestResultSchema);
    expect(answer).toMatchObject({ inserted: 2 });
    expect(answer.replayed).toBeUndefined();

    const retry = await send(app, token, "sync-2026-03-02", batch("web"));
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await readAs(retry, ingestResultSchema)).toMatchObject({ inserted: 2, replayed: true });

    const other = await send(app, token, "sync-2026-03-02", batch("ads"));
    expect(other.status).toBe(409);
    const problem = await readProblem(other);
    expect(problem.detail).toContain("already used for a different request");
    expect(problem.errors?.map((e) => e.path)).toEqual(["Idempotency-Key"]);
    expect((await send(app, token, "", batch("web"))).status).toBe(422);
    const audit = await listAudit(db().db, org.orgId, { limit: 20 });
    expect(audit.filter((e) => e.action === "ingest")).toHaveLength(1);

    // Another organization's same key is its own.
    const elsewhere = await newOrganization(app, user, { name: "Elsewhere" });
    const theirs = await createKey(app, elsewhere);
    const fresh = await send(app, theirs.token, "sync-2026-03-02", batch("ads"));
    expect(await readAs(fresh, ingestResultSchema)).toMatchObject({ inserted: 2 });
    expect(await countFacts(db().db, "leads", elsewhere.orgId)).toBe(2);
  });

  it("writes once when identical requests with one key race", async () => {
    const org = await newOrganization(app, user);
    const { token } = await createKey(app, org);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => send(app, token, "race-1", batch("web"))),
    );
    const bodies = await Promise.all(answers.map((a) => readAs(a, ingestResultSchema)));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
    expect(bodies.map((b) => b.inserted)).toEqual(Array(6).fill(2));
    expect(bodies.filter((b) => !b.replayed)).toHaveLength(1);
    const audit = await listAudit(db().db, org.orgId, { limit: 20 });
    expect(audit.filter((e) => e.action === "ingest")).toHaveLength(1);
  });
});

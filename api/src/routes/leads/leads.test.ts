import { listAudit } from "@tandem/db/queries/audit";
import { describeEachEngine } from "@tandem/db/testing";
import { beforeAll, expect, it } from "vitest";
import {
  addMember,
  type Caller,
  call,
  createOwner,
  createTestApp,
  readAs,
  readProblem,
  type TestApp,
} from "../../testing/test-app";
import { createKey, ingestOk } from "../ingest/ingest.helpers";
import { feedbackListSchema, feedbackSchema } from "./leads.routes";

describeEachEngine("lead feedback", (db) => {
  let app: TestApp;
  let owner: Caller & { orgId: string };
  let rep: Caller;
  let viewer: Caller;
  let stranger: Caller;
  beforeAll(async () => {
    app = createTestApp(db()).app;
    owner = await createOwner(app);
    rep = await addMember(app, owner, "member");
    viewer = await addMember(app, owner, "viewer");
    stranger = await createOwner(app, { name: "Elsewhere" });
    const key = await createKey(app, owner);
    await ingestOk(app, key.token, "leads", {
      records: ["crm/42", "crm/43"].map((externalId) => ({
        externalId,
        createdAt: "2026-03-02T10:00:00Z",
        source: "web",
      })),
    });
  });
  const pathOf = (externalId: string) => `/api/v1/leads/${encodeURIComponent(externalId)}/feedback`;

  it("appends verdicts with reasons and lists them newest first", async () => {
    const path = pathOf("crm/42");
    const first = await call(app, "POST", path, {
      caller: rep,
      body: { verdict: "rejected", reason: "no_budget", note: "Next fiscal year" },
    });
    expect(first.status).toBe(201);
    expect(await readAs(first, feedbackSchema)).toMatchObject({
      leadExternalId: "crm/42",
      verdict: "rejected",
      reason: "no_budget",
      authorId: rep.userId,
    });
    const second = await call(app, "POST", path, { caller: owner, body: { verdict: "accepted" } });
    expect(second.status).toBe(201);
    const history = await readAs(
      await call(app, "GET", `${path}?limit=1`, { caller: viewer }),
      feedbackListSchema,
    );
    expect(history.items.map((f) => f.verdict)).toEqual(["accepted"]);
    const rest = await readAs(
      await call(app, "GET", `${path}?cursor=${history.nextCursor}`, { caller: viewer }),
      feedbackListSchema,
    );
    expect(rest).toMatchObject({
      items: [{ verdict: "rejected", note: "Next fiscal year" }],
      nextCursor: null,
    });
    const audit = await listAudit(db().db, owner.orgId, { limit: 20 });
    expect(audit.filter((e) => e.entity === "lead_feedback")).toHaveLength(2);
  });

  it("asks a rejection for a reason and refuses viewers, unknown leads and other organizations", async () => {
    const path = pathOf("crm/43");
    const noReason = await call(app, "POST", path, {
      caller: owner,
      body: { verdict: "rejected" },
    });
    expect(noReason.status).toBe(422);
    expect((await readProblem(noReason)).errors?.map((e) => e.path)).toEqual(["reason"]);
    const badReason = await call(app, "POST", path, {
      caller: owner,
      body: { verdict: "rejected", reason: "meh" },
    });
    expect(badReason.status).toBe(422);
    const denied = await call(app, "POST", path, { caller: viewer, body: { verdict: "accepted" } });
    expect(denied.status).toBe(403);
    const unknown = await call(app, "POST", "/api/v1/leads/nope/feedback", {
      caller: owner,
      body: { verdict: "accepted" },
    });
    expect(unknown.status).toBe(404);
    expect(
      (await call(app, "POST", path, { caller: stranger, body: { verdict: "accepted" } })).status,
    ).toBe(404);
    expect((await call(app, "GET", path, { caller: stranger })).status).toBe(404);
    const history = await readAs(
      await call(app, "GET", path, { caller: owner }),
      feedbackListSchema,
    );
    expect(history.items).toEqual([]);
  });
});

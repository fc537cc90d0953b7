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
import { goalSchema } from "../goals/goals.routes";
import { createKey, ingestOk } from "../ingest/ingest.helpers";
import { leadQualitySchema } from "../lead-quality/lead-quality.schemas";

const now = Date.now();
const daysAgo = (days: number) => new Date(now - days * 86_400_000).toISOString();
const dayOf = (days: number) => daysAgo(days).slice(0, 10);

describeEachEngine("lead verdicts as sales gives them", (db) => {
  let app: TestApp;
  let owner: Caller & { orgId: string };
  let rep: Caller;
  let otherRep: Caller;
  let viewer: Caller;
  let stranger: Caller;
  let goalId: string;

  const awaiting = async () => {
    const response = await call(app, "GET", `/api/v1/goals/${goalId}/lead-quality`, {
      caller: owner,
    });
    return (await readAs(response, leadQualitySchema)).awaitingVerdict;
  };

  beforeAll(async () => {
    app = createTestApp(db()).app;
    owner = await createOwner(app);
    rep = await addMember(app, owner, "member");
    otherRep = await addMember(app, owner, "member");
    viewer = await addMember(app, owner, "viewer");
    stranger = await createOwner(app, { name: "Elsewhere" });
    const goal = await call(app, "POST", "/api/v1/goals", {
      caller: owner,
      body: {
        name: "January",
        // Around today: verdicts given now count for the goal's today.
        startsOn: dayOf(40),
        endsOn: dayOf(-40),
        target: 100000,
        plan: { leadToMql: 0.25, mqlToSql: 0.3, sqlToWon: 0.25, avgDealSize: 10000 },
      },
    });
    goalId = (await readAs(goal, goalSchema)).id;
    const key = await createKey(app, owner);
    await ingestOk(app, key.token, "leads", {
      records: [
        {
          externalId: "L1",
          createdAt: daysAgo(10),
          mqlAt: daysAgo(9),
          source: "webinar",
          name: "Ada Byron",
          email: "ada@analytical.example",
          company: "Analytical Engines",
          owner: "Jordan Ellis",
          url: "https://crm.example/leads/L1",
        },
        // Created first, handed over last: the newest for sales.
        {
          externalId: "L2",
          createdAt: daysAgo(12),
          mqlAt: daysAgo(11),
          sqlAt: daysAgo(5),
          source: "paid_search",
        },
        {
          externalId: "L3",
          createdAt: daysAgo(8),
          mqlAt: daysAgo(7),
          source: "webinar",
        },
      ],
    });
  });

  it("lists leads by hand-over time, newest first, with the contact fields when present", async () => {
    const list = await awaiting();
    expect(list.map((l) => [l.externalId, l.stage, l.qualifiedAt])).toEqual([
      ["L2", "SQL", daysAgo(5)],
      ["L3", "MQL", daysAgo(7)],
      ["L1", "MQL", daysAgo(9)],
    ]);
    expect(list[2]).toMatchObject({
      name: "Ada Byron",
      email: "ada@analytical.example",
      company: "Analytical Engines",
      owner: "Jordan Ellis",
      url: "https://crm.example/leads/L1",
    });
    expect(list[0]).toMatchObject({ name: null, email: null, company: null, url: null });
  });

  it("accepts leads in bulk, all or nothing, within the caller's organization", async () => {
    const unknown = await call(app, "POST", "/api/v1/leads/feedback", {
      caller: rep,
      body: { externalIds: ["L1", "NOPE", "L2"], verdict: "accepted" },
    });
    expect(unknown.status).toBe(422);
    expect((await readProblem(unknown)).errors).toEqual([
      { path: "externalIds.1", message: "is not a lead of your organization (NOPE)" },
    ]);
    const theirs = await call(app, "POST", "/api/v1/leads/feedback", {
      caller: stranger,
      body: { externalIds: ["L1"], verdict: "accepted" },
    });
    expect(theirs.status).toBe(422);
    const refused = await call(app, "POST", "/api/v1/leads/feedback", {
      caller: viewer,
      body: { externalIds: ["L1"], verdict: "accepted" },
    });
    expect(refused.status).toBe(403);
    const rejecting = await call(app, "POST", "/api/v1/leads/feedback", {
      caller: rep,
      body: { externalIds: ["L1"], verdict: "rejected" },
    });
    expect(rejecting.status).toBe(422);
    expect((await awaiting()).map((l) => l.externalId)).toEqual(["L2", "L3", "L1"]);

    const accepted = await call(app, "POST", "/api/v1/leads/feedback", {
      caller: rep,
      body: { externalIds: ["L1", "L2"], verdict: "accepted" },
    });
    expect(accepted.status).toBe(201);
    const { items } = (await accepted.json()) as { items: { leadExternalId: string }[] };
    expect(items.map((i) => i.leadExternalId).sort()).toEqual(["L1", "L2"]);
    expect((await awaiting()).map((l) => l.externalId)).toEqual(["L3"]);
  });

  it("undoes a verdict by its author or an owner, and the lead awaits one again", async () => {
    const given = await call(app, "POST", "/api/v1/leads/L3/feedback", {
      caller: rep,
      body: { verdict: "rejected", reason: "not_icp" },
    });
    const { id } = (await given.json()) as { id: string };
    expect(await awaiting()).toEqual([]);

    const byOther = await call(app, "DELETE", `/api/v1/lead-feedback/${id}`, { caller: otherRep });
    expect(byOther.status).toBe(403);
    const byStranger = await call(app, "DELETE", `/api/v1/lead-feedback/${id}`, {
      caller: stranger,
    });
    expect(byStranger.status).toBe(404);
    const undone = await call(app, "DELETE", `/api/v1/lead-feedback/${id}`, { caller: rep });
    expect(undone.status).toBe(204);
    expect((await awaiting()).map((l) => l.externalId)).toEqual(["L3"]);
    const again = await call(app, "DELETE", `/api/v1/lead-feedback/${id}`, { caller: rep });
    expect(again.status).toBe(404);

    // Changing a verdict is giving a new one: the latest counts.
    const second = await call(app, "POST", "/api/v1/leads/L3/feedback", {
      caller: otherRep,
      body: { verdict: "accepted" },
    });
    const { id: secondId } = (await second.json()) as { id: string };
    expect(
      (await call(app, "DELETE", `/api/v1/lead-feedback/${secondId}`, { caller: owner })).status,
    ).toBe(204);
    const audit = await listAudit(db().db, owner.orgId, { limit: 50 });
    expect(audit.filter((e) => e.entity === "lead_feedback" && e.action === "delete")).toHaveLength(
      2,
    );
  });
});

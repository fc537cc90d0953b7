import { z } from "@hono/zod-openapi";
import { describeEachEngine } from "@tandem/db/testing";
import { expect, it } from "vitest";
import { keyResultViewSchema } from "../../summary/summary-schema";
import {
  addMember,
  call,
  createGoal,
  createOwner,
  createTeam,
  createTestApp,
  readAs,
  readProblem,
} from "../../testing/test-app";
import { goalSchema } from "./goals.routes";

const q4 = {
  name: "Q4 2026 revenue",
  startsOn: "2026-10-01",
  endsOn: "2026-12-31",
  target: 400000,
  pacing: "historical",
  thresholds: { onTrack: 0.95, atRisk: 0.8 },
  plan: { leads: 3000, leadToMql: 0.25, mqlToSql: 0.3, sqlToWon: 0.25, avgDealSize: 10000 },
};

describeEachEngine("the next period's goal", (db) => {
  it("copies the plan, pacing and thresholds onto the following quarter, once", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    const current = await readAs(
      await call(app, "POST", "/api/v1/goals", { caller: owner, body: q4 }),
      goalSchema,
    );
    const response = await call(app, "POST", `/api/v1/goals/${current.id}/next`, {
      caller: owner,
      body: {},
    });
    expect(response.status).toBe(201);
    const next = await readAs(response, goalSchema);
    expect(next).toMatchObject({
      name: "Q1 2027 revenue",
      startsOn: "2027-01-01",
      endsOn: "2027-03-31",
      target: 400000,
      pacing: "historical",
      thresholds: { onTrack: 0.95, atRisk: 0.8 },
      plan: {
        leads: 3000,
        leadsDerived: false,
        leadToMql: 0.25,
        mqlToSql: 0.3,
        sqlToWon: 0.25,
        avgDealSize: 10000,
      },
    });
    const again = await call(app, "POST", `/api/v1/goals/${current.id}/next`, {
      caller: owner,
      body: { name: "Another Q1" },
    });
    expect(again.status).toBe(409);
    expect((await readProblem(again)).detail).toContain("Q1 2027 revenue");

    const third = await readAs(
      await call(app, "POST", `/api/v1/goals/${next.id}/next`, {
        caller: owner,
        body: { name: "Q2 2027 stretch", target: 500000.5 },
      }),
      goalSchema,
    );
    expect(third).toMatchObject({
      name: "Q2 2027 stretch",
      startsOn: "2027-04-01",
      target: 500000.5,
    });
    const goals = await call(app, "GET", "/api/v1/goals", { caller: owner });
    expect(((await goals.json()) as { goals: unknown[] }).goals).toHaveLength(3);
  });

  it("copies the key results that are not archived, afresh, audited", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    const marketing = await createTeam(app, owner, "Marketing", "marketing");
    const current = await createGoal(app, owner, q4);
    const addKeyResult = async (body: Record<string, unknown>) =>
      readAs(
        await call(app, "POST", `/api/v1/goals/${current.id}/key-results`, {
          caller: owner,
          body: { teamId: marketing, kind: "activity", unit: "count", start: 0, ...body },
        }),
        keyResultViewSchema,
      );
    const webinar = await addKeyResult({
      title: "Webinar attendance",
      target: 1200,
      cadenceDays: 14,
    });
    await addKeyResult({ title: "MQLs", metric: "mqls", start: 10, target: 900 });
    const dropped = await addKeyResult({ title: "Dropped", target: 5 });
    await call(app, "POST", `/api/v1/key-results/${webinar.id}/check-ins`, {
      caller: owner,
      body: { value: 700, confidence: 7 },
      headers: { "if-match": `"${webinar.version}"` },
    });
    await call(app, "PATCH", `/api/v1/key-results/${dropped.id}`, {
      caller: owner,
      body: { archived: true },
      headers: { "if-match": `"${dropped.version}"` },
    });

    const next = await readAs(
      await call(app, "POST", `/api/v1/goals/${current.id}/next`, { caller: owner, body: {} }),
      goalSchema,
    );
    const copied = await readAs(
      await call(app, "GET", `/api/v1/goals/${next.id}/key-results`, { caller: owner }),
      z.object({ keyResults: z.array(keyResultViewSchema) }),
    );
    expect(
      copied.keyResults.map((k) => [
        k.title,
        k.team.id,
        k.unit,
        k.metric,
        k.start,
        k.target,
        k.cadenceDays,
      ]),
    ).toEqual([
      ["Webinar attendance", marketing, "count", null, 0, 1200, 14],
      ["MQLs", marketing, "count", "mqls", 10, 900, 7],
    ]);
    const webinarCopy = copied.keyResults[0];
    expect(webinarCopy?.id).not.toBe(webinar.id);
    // No check-ins come along: the new period starts from the start.
    expect(webinarCopy).toMatchObject({ current: null, status: "not_started" });
    const audit = await readAs(
      await call(app, "GET", "/api/v1/audit", { caller: owner }),
      z.object({ entries: z.array(z.object({ action: z.string(), entityId: z.string() })) }),
    );
    const created = audit.entries
      .filter((e) => e.action === "key_result.create")
      .map((e) => e.entityId);
    for (const kr of copied.keyResults) expect(created).toContain(kr.id);
    // The old period keeps its own, check-in included.
    const old = await readAs(
      await call(app, "GET", `/api/v1/goals/${current.id}/key-results`, { caller: owner }),
      z.object({ keyResults: z.array(keyResultViewSchema) }),
    );
    expect(old.keyResults.find((k) => k.id === webinar.id)?.current).toBe(700);
  });

  it("is for executives and owners, within their own organization", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    const current = await readAs(
      await call(app, "POST", "/api/v1/goals", { caller: owner, body: q4 }),
      goalSchema,
    );
    const lead = await addMember(app, owner, "lead");
    const refused = await call(app, "POST", `/api/v1/goals/${current.id}/next`, {
      caller: lead,
      body: {},
    });
    expect(refused.status).toBe(403);
    const stranger = await createOwner(app);
    const hidden = await call(app, "POST", `/api/v1/goals/${current.id}/next`, {
      caller: stranger,
      body: {},
    });
    expect(hidden.status).toBe(404);
    const bad = await call(app, "POST", `/api/v1/goals/${current.id}/next`, {
      caller: owner,
      body: { target: -1 },
    });
    expect(bad.status).toBe(422);
    expect((await readProblem(bad)).errors).toEqual([
      { path: "target", message: "must not be negative" },
    ]);
    const goals = await call(app, "GET", "/api/v1/goals", { caller: owner });
    expect(((await goals.json()) as { goals: unknown[] }).goals).toHaveLength(1);
  });
});

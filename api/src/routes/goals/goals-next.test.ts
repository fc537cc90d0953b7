import { describeEachEngine } from "@tandem/db/testing";
import { expect, it } from "vitest";
import {
  addMember,
  call,
  createOwner,
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

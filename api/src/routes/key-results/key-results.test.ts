import { z } from "@hono/zod-openapi";
import { describeEachEngine, moveCheckInsTo } from "@tandem/db/testing";
import { expect, it } from "vitest";
import {
  checkInViewSchema,
  keyResultViewSchema,
  summarySchema,
} from "../../summary/summary-schema";
import {
  addMember,
  call,
  createOwner,
  createTeam,
  createTestApp,
  readAs,
  readProblem,
} from "../../testing/test-app";
import { goalSchema } from "../goals/goals.routes";

const checkInResponse = z.object({ checkIn: checkInViewSchema, keyResult: keyResultViewSchema });
const historyResponse = z.object({
  keyResult: keyResultViewSchema,
  checkIns: z.array(checkInViewSchema),
});

describeEachEngine("key results and check-ins", (db) => {
  const setup = async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    const marketing = await createTeam(app, owner, "Marketing", "marketing");
    const sales = await createTeam(app, owner, "Sales", "sales");
    const goal = await readAs(
      await call(app, "POST", "/api/v1/goals", {
        caller: owner,
        body: {
          name: "This quarter",
          startsOn: "2026-10-01",
          endsOn: "2026-12-31",
          target: 1000000,
          plan: { leadToMql: 0.3, mqlToSql: 0.4, sqlToWon: 0.25, avgDealSize: 20000 },
        },
      }),
      goalSchema,
    );
    const marketingLead = await addMember(app, owner, "lead", marketing);
    const salesLead = await addMember(app, owner, "lead", sales);
    return { app, owner, marketing, sales, goal, marketingLead, salesLead };
  };

  const manual = (teamId: string) => ({
    title: "Webinar attendance",
    teamId,
    kind: "activity",
    unit: "count",
    start: 0,
    target: 400,
  });

  it("adds key results for two teams, checks in, and the summary shows both teams' feed", async () => {
    const { app, owner, goal, marketing, sales, marketingLead, salesLead } = await setup();
    const kr = await readAs(
      await call(app, "POST", `/api/v1/goals/${goal.id}/key-results`, {
        caller: marketingLead,
        body: manual(marketing),
      }),
      keyResultViewSchema,
    );
    expect(kr).toMatchObject({
      current: null,
      overdue: false,
      version: 1,
      team: { name: "Marketing" },
    });
    const decreasing = await readAs(
      await call(app, "POST", `/api/v1/goals/${goal.id}/key-results`, {
        caller: salesLead,
        body: {
          title: "Days to first reply",
          teamId: sales,
          kind: "conversion",
          unit: "duration",
          start: 48,
          target: 8,
        },
      }),
      keyResultViewSchema,
    );
    const fed = await call(app, "POST", `/api/v1/goals/${goal.id}/key-results`, {
      caller: salesLead,
      body: {
        title: "Wins",
        teamId: sales,
        kind: "outcome",
        unit: "count",
        start: 0,
        target: 50,
        metric: "wins",
      },
    });
    expect(fed.status).toBe(201);
    expect((await readAs(fed, keyResultViewSchema)).current).toBe(0);

    const first = await call(app, "POST", `/api/v1/key-results/${kr.id}/check-ins`, {
      caller: marketingLead,
      body: { value: 100, confidence: 7, note: "Two webinars booked" },
      headers: { "if-match": '"1"' },
    });
    expect(first.status).toBe(201);
    const after = await readAs(first, checkInResponse);
    expect(after.keyResult).toMatchObject({
      current: 100,
      progress: 0.25,
      confidence: 7,
      version: 2,
    });
    expect(after.checkIn.author.name).toBe(marketingLead.email.split("@")[0]);

    const down = await readAs(
      await call(app, "POST", `/api/v1/key-results/${decreasing.id}/check-ins`, {
        caller: salesLead,
        body: { value: 28, confidence: 5, note: "" },
        headers: { "if-match": '"1"' },
      }),
      checkInResponse,
    );
    expect(down.keyResult.progress).toBeCloseTo(0.5, 9);

    // The API dates check-ins by the clock; put them on Nov 10, inside the period.
    for (const id of [kr.id, decreasing.id])
      await moveCheckInsTo(db().db, owner.orgId, id, new Date("2026-11-10T15:00:00Z"));
    const summaryOn = async (asOf: string) =>
      readAs(
        await call(app, "GET", `/api/v1/goals/${goal.id}/summary?asOf=${asOf}`, {
          caller: salesLead,
        }),
        summarySchema,
      );
    const summary = await summaryOn("2026-11-15");
    expect(summary.keyResults).toHaveLength(3);
    expect(new Set(summary.checkIns.map((ci) => ci.team.name))).toEqual(
      new Set(["Marketing", "Sales"]),
    );
    expect(summary.keyResults.find((k) => k.id === kr.id)?.current).toBe(100);
    // Looking back to before them: the key results read as that day did, the feed is empty.
    const before = await summaryOn("2026-11-09");
    expect(before.checkIns).toEqual([]);
    expect(before.keyResults.find((k) => k.id === kr.id)).toMatchObject({
      current: null,
      confidence: null,
    });
    const history = await readAs(
      await call(app, "GET", `/api/v1/key-results/${kr.id}/check-ins`, { caller: salesLead }),
      historyResponse,
    );
    expect(history.checkIns.map((ci) => ci.value)).toEqual([100]);
  });

  it("of two check-ins with the same version, one lands and the other gets 412", async () => {
    const { app, goal, marketing, marketingLead, owner } = await setup();
    const kr = await readAs(
      await call(app, "POST", `/api/v1/goals/${goal.id}/key-results`, {
        caller: marketingLead,
        body: manual(marketing),
      }),
      keyResultViewSchema,
    );
    const [a, b] = await Promise.all([
      call(app, "POST", `/api/v1/key-results/${kr.id}/check-ins`, {
        caller: marketingLead,
        body: { value: 120, confidence: 6, note: "A" },
        headers: { "if-match": '"1"' },
      }),
      call(app, "POST", `/api/v1/key-results/${kr.id}/check-ins`, {
        caller: owner,
        body: { value: 130, confidence: 8, note: "B" },
        headers: { "if-match": '"1"' },
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 412]);
    const loser = a.status === 412 ? a : b;
    expect((await readProblem(loser)).code).toBe("precondition_failed");
    const history = await readAs(
      await call(app, "GET", `/api/v1/key-results/${kr.id}/check-ins`, { caller: owner }),
      historyResponse,
    );
    expect(history.checkIns).toHaveLength(1);
    expect(history.keyResult.version).toBe(2);
  });

  it("checks values against the kind of key result and validates input", async () => {
    const { app, goal, marketing, marketingLead } = await setup();
    const kr = await readAs(
      await call(app, "POST", `/api/v1/goals/${goal.id}/key-results`, {
        caller: marketingLead,
        body: manual(marketing),
      }),
      keyResultViewSchema,
    );
    const cases = [
      [{ confidence: 5 }, "value"],
      [{ value: 3, confidence: 11 }, "confidence"],
      [{ value: "many", confidence: 5 }, "value"],
      [{ value: 3, confidence: 5, note: "x".repeat(3000) }, "note"],
      [{ value: 3, confidence: 5, mood: "great" }, "mood"],
    ] as const;
    for (const [body, path] of cases) {
      const response = await call(app, "POST", `/api/v1/key-results/${kr.id}/check-ins`, {
        caller: marketingLead,
        body,
        headers: { "if-match": '"1"' },
      });
      expect(response.status).toBe(422);
      expect(((await readProblem(response)).errors ?? []).map((e) => e.path)).toContain(path);
    }
    const bad = await call(app, "POST", `/api/v1/goals/${goal.id}/key-results`, {
      caller: marketingLead,
      body: { ...manual(marketing), kind: "vibes", metric: "happiness" },
    });
    expect(((await readProblem(bad)).errors ?? []).map((e) => e.path)).toEqual(
      expect.arrayContaining(["kind", "metric"]),
    );
    const history = await readAs(
      await call(app, "GET", `/api/v1/key-results/${kr.id}/check-ins`, { caller: marketingLead }),
      historyResponse,
    );
    expect(history.checkIns).toHaveLength(0);
  });

  it("lets leads write for their own team only; members and viewers read", async () => {
    const { app, goal, marketing, sales, marketingLead, salesLead, owner } = await setup();
    const other = await call(app, "POST", `/api/v1/goals/${goal.id}/key-results`, {
      caller: salesLead,
      body: manual(marketing),
    });
    expect(other.status).toBe(403);
    const kr = await readAs(
      await call(app, "POST", `/api/v1/goals/${goal.id}/key-results`, {
        caller: marketingLead,
        body: manual(marketing),
      }),
      keyResultViewSchema,
    );
    const crossTeam = await call(app, "POST", `/api/v1/key-results/${kr.id}/check-ins`, {
      caller: salesLead,
      body: { value: 1, confidence: 5 },
      headers: { "if-match": '"1"' },
    });
    expect(crossTeam.status).toBe(403);
    for (const role of ["viewer", "member"] as const) {
      const person = await addMember(app, owner, role, sales);
      expect(
        (await call(app, "GET", `/api/v1/goals/${goal.id}/key-results`, { caller: person })).status,
      ).toBe(200);
      const write = await call(app, "POST", `/api/v1/key-results/${kr.id}/check-ins`, {
        caller: person,
        body: { value: 1, confidence: 5 },
        headers: { "if-match": '"1"' },
      });
      expect(write.status, role).toBe(403);
    }
  });

  it("hides another organization's key results", async () => {
    const { app, goal, marketing, marketingLead } = await setup();
    const kr = await readAs(
      await call(app, "POST", `/api/v1/goals/${goal.id}/key-results`, {
        caller: marketingLead,
        body: manual(marketing),
      }),
      keyResultViewSchema,
    );
    const stranger = await createOwner(app, { name: "Elsewhere" });
    expect(
      (await call(app, "GET", `/api/v1/key-results/${kr.id}/check-ins`, { caller: stranger }))
        .status,
    ).toBe(404);
    const write = await call(app, "POST", `/api/v1/key-results/${kr.id}/check-ins`, {
      caller: stranger,
      body: { value: 1, confidence: 5 },
      headers: { "if-match": '"1"' },
    });
    expect(write.status).toBe(404);
    // A team id from another organization is no team at all.
    const strangerGoal = await readAs(
      await call(app, "POST", "/api/v1/goals", {
        caller: stranger,
        body: {
          name: "Theirs",
          startsOn: "2026-10-01",
          endsOn: "2026-12-31",
          target: 1000,
          plan: { leadToMql: 0.5, mqlToSql: 0.5, sqlToWon: 0.5, avgDealSize: 100 },
        },
      }),
      goalSchema,
    );
    const foreignTeam = await call(app, "POST", `/api/v1/goals/${strangerGoal.id}/key-results`, {
      caller: stranger,
      body: manual(marketing),
    });
    expect(foreignTeam.status).toBe(422);
  });
});

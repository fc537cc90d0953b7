import { listForecastSnapshots } from "@tandem/db/queries/forecast-history";
import { forecastCalls } from "@tandem/db/schema";
import { describeEachEngine } from "@tandem/db/testing";
import { beforeAll, expect, it } from "vitest";
import { forecastHistorySchema } from "../../forecast/forecast-history-schema";
import { forecastSchema } from "../../forecast/forecast-schema";
import { addCalendarDays } from "../../revenue";
import {
  type Caller,
  call,
  createGoal,
  createOwner,
  createTeam,
  createTestApp,
  readAs,
  type TestApp,
} from "../../testing/test-app";
import { createKey, ingestOk } from "../ingest/ingest.helpers";
import { goalBody, history, ingestAll, period } from "./forecast-fixtures";

const today = new Date().toISOString().slice(0, 10);

describeEachEngine("forecast snapshots and history", (db) => {
  let app: TestApp;
  beforeAll(() => {
    app = createTestApp(db()).app;
  });

  const forecastOf = async (caller: Caller, goalId: string, asOf?: string) =>
    readAs(
      await call(app, "GET", `/api/v1/goals/${goalId}/forecast${asOf ? `?asOf=${asOf}` : ""}`, {
        caller,
      }),
      forecastSchema,
    );
  const historyOf = async (caller: Caller, goalId: string) =>
    readAs(
      await call(app, "GET", `/api/v1/goals/${goalId}/forecast/history`, { caller }),
      forecastHistorySchema,
    );
  // Through the product's query, scoped to the organization (one shard on Citus).
  const snapshots = (orgId: string, goalId: string) =>
    listForecastSnapshots(db().db, orgId, goalId, "0001-01-01", "9999-12-31");

  it("stores today's forecast once, however many first requests of the day race", async () => {
    const owner = await createOwner(app);
    const goal = await createGoal(app, owner, {
      ...goalBody,
      startsOn: addCalendarDays(today, -20),
      endsOn: addCalendarDays(today, 60),
    });
    const answers = await Promise.all(Array.from({ length: 8 }, () => forecastOf(owner, goal.id)));
    const rows = (await snapshots(owner.orgId, goal.id)).filter((r) => r.day === today);
    expect(rows.map((r) => ({ day: r.day, replayed: r.replayed }))).toEqual([
      { day: today, replayed: false },
    ]);
    expect(rows[0]?.total).toBe(Math.round((answers[0]?.total ?? 0) * 100));
    // The later requests of the day read it and write nothing; last week's forecast is replayed.
    const again = await forecastOf(owner, goal.id);
    expect(again.moved?.since).toBe(addCalendarDays(today, -7));
    const after = await snapshots(owner.orgId, goal.id);
    expect(after.filter((r) => r.day === today)).toEqual(rows);
    expect(after.find((r) => r.day === addCalendarDays(today, -7))?.replayed).toBe(true);
  });

  it("draws today's point as today's forecast, with the day's later changes", async () => {
    const owner = await createOwner(app);
    const goal = await createGoal(app, owner, {
      ...goalBody,
      startsOn: addCalendarDays(today, -20),
      endsOn: addCalendarDays(today, 60),
    });
    const first = await forecastOf(owner, goal.id);
    const { token } = await createKey(app, owner);
    await ingestOk(app, token, "deals", {
      records: [
        {
          externalId: "W1",
          amount: 5000,
          status: "won",
          createdAt: `${today}T00:01:00Z`,
          closedAt: `${today}T00:02:00Z`,
        },
      ],
    });
    const now = await forecastOf(owner, goal.id);
    expect(now.booked).toBe(first.booked + 5000);
    const drawn = (await historyOf(owner, goal.id)).points.at(-1);
    expect(drawn).toMatchObject({ day: today, booked: now.booked, total: now.total });
    // The day's first forecast stays stored: what later days say the forecast moved from.
    const stored = (await snapshots(owner.orgId, goal.id)).find((r) => r.day === today);
    expect(stored?.booked).toBe(Math.round(first.booked * 100));
  });

  it("shows a closed period week by week, how it moved, and how accurate the forecast and each call were", async () => {
    const owner = await createOwner(app);
    const goal = await createGoal(app, owner, goalBody);
    const sales = await createTeam(app, owner, "Sales", "sales");
    const marketing = await createTeam(app, owner, "Marketing", "marketing");
    const { token } = await createKey(app, owner);
    const facts = history();
    await ingestAll(app, token, facts);

    // The calls of the period, as they were made then (the API takes calls on the day only).
    const calls = [
      { teamId: sales, day: "2026-04-06", commit: 150_000_00, bestCase: 200_000_00 },
      { teamId: marketing, day: "2026-04-06", commit: 90_000_00, bestCase: 120_000_00 },
      { teamId: sales, day: "2026-05-20", commit: 260_000_00, bestCase: 300_000_00 },
    ];
    await db()
      .db.insert(forecastCalls)
      .values(
        calls.map((c, i) => ({
          orgId: owner.orgId,
          id: `call_${i}`,
          goalId: goal.id,
          teamId: c.teamId,
          week: c.day,
          commit: c.commit,
          bestCase: c.bestCase,
          authorId: owner.userId,
          createdAt: new Date(`${c.day}T15:00:00Z`),
        })),
      );

    const view = await historyOf(owner, goal.id);
    expect(view.closed).toBe(true);
    const won = facts.deals.filter(
      (d) =>
        d.status === "won" &&
        d.closedOn !== null &&
        d.closedOn >= period.startsOn &&
        d.closedOn <= period.endsOn,
    );
    const final = won.reduce((sum, d) => sum + d.amount, 0);
    expect(view.final).toBe(final / 100);
    expect(view.points.map((p) => p.day)).toEqual([
      "2026-04-07",
      "2026-04-14",
      "2026-04-21",
      "2026-04-28",
      "2026-05-05",
      "2026-05-12",
      "2026-05-19",
      "2026-05-26",
      "2026-06-02",
      "2026-06-09",
      "2026-06-16",
      "2026-06-23",
      "2026-06-30",
    ]);
    expect(view.points.every((p) => p.replayed)).toBe(true);

    // Each point is the forecast of its day, as the forecast route answers for that day.
    const may19 = view.points[6];
    const asked = await forecastOf(owner, goal.id, "2026-05-19");
    expect(may19).toMatchObject({ day: "2026-05-19", total: asked.total, booked: asked.booked });
    expect(may19?.accuracy?.forecast?.ratio).toBeCloseTo(asked.total / (final / 100), 12);

    // On May 19 the calls of April 6 stood (May 20's came later); sales' part of the final
    // revenue is what its deals of May 19 won, marketing's what the later deals won.
    expect(may19?.calls).toEqual({
      sales: { commit: 150_000, bestCase: 200_000 },
      marketing: { commit: 90_000, bestCase: 120_000 },
      joint: { commit: 240_000, bestCase: 320_000 },
    });
    const salesPart = won
      .filter((d) => d.createdOn <= "2026-05-19")
      .reduce((s, d) => s + d.amount, 0);
    expect(may19?.accuracy?.sales?.ratio).toBeCloseTo(150_000_00 / salesPart, 12);
    expect(may19?.accuracy?.marketing?.ratio).toBeCloseTo(90_000_00 / (final - salesPart), 12);
    expect(may19?.accuracy?.joint?.ratio).toBeCloseTo(240_000_00 / final, 12);
    expect(view.points[7]?.calls.sales?.commit).toBe(260_000);

    // How it moved in a week, part by part, reads the same stored days.
    const move = asked.moved;
    expect(move?.since).toBe("2026-05-12");
    expect(move?.total).toBeCloseTo(asked.total - (view.points[5]?.total ?? 0), 2);
    expect(
      (move?.booked ?? 0) +
        (move?.pipeline ?? 0) +
        (move?.leadsInHand ?? 0) +
        (move?.leadsToCome ?? 0),
    ).toBeCloseTo(move?.total ?? 0, 2);

    // Stored once: a second look replays nothing and answers the same.
    expect(await historyOf(owner, goal.id)).toEqual(view);
    expect((await snapshots(owner.orgId, goal.id)).length).toBe(13);
    const stranger = await createOwner(app, { name: "Other Co" });
    const hidden = await call(app, "GET", `/api/v1/goals/${goal.id}/forecast/history`, {
      caller: stranger,
    });
    expect(hidden.status).toBe(404);
    expect(await snapshots(stranger.orgId, goal.id)).toEqual([]);
  });
});

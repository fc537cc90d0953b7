import { gunzipSync } from "node:zlib";
import type { createDb } from "@tandem/db";
import { rebuildRollups } from "@tandem/db/queries/rollups";
import { deals, leads } from "@tandem/db/schema";
import { describeEachEngine } from "@tandem/db/testing";
import { expect, it } from "vitest";
import { forecastSchema } from "../../forecast/forecast-schema";
import { summarySchema } from "../../summary/summary-schema";
import {
  call,
  createGoal,
  createOwner,
  createTeam,
  createTestApp,
  readAs,
} from "../../testing/test-app";

type Db = ReturnType<typeof createDb>["db"];

/**
 * The worked example of docs/revenue-model.md as facts: 1,800 leads, 540 MQLs, 135 SQLs, 30 wins worth
 * 330,000 in a 10-day period, against a plan of 2,000 / 500 / 150 / 40 / 400,000.
 */
async function seedWorkedExample(db: Db, orgId: string) {
  const day = (i: number) => new Date(Date.UTC(2026, 0, 1 + (i % 10), 12));
  const leadRows = Array.from({ length: 1800 }, (_, i) => ({
    orgId,
    externalId: `L${i}`,
    createdAt: day(i),
    source: i % 2 === 0 ? "webinar" : "paid_search",
    mqlAt: i < 540 ? day(i + 1) : null,
    sqlAt: i < 135 ? day(i + 2) : null,
  }));
  for (let i = 0; i < leadRows.length; i += 500)
    await db.insert(leads).values(leadRows.slice(i, i + 500));
  // 30 wins: 29 of 11,000 and one of 11,000 = 330,000; plus an open deal for pipeline.
  await db.insert(deals).values([
    ...Array.from({ length: 30 }, (_, i) => ({
      orgId,
      externalId: `D${i}`,
      leadExternalId: `L${i}`,
      amount: 1_100_000,
      status: "won" as const,
      createdAt: day(i),
      closedAt: day(i + 3),
    })),
    {
      orgId,
      externalId: "OPEN",
      leadExternalId: "L99",
      amount: 5_000_000,
      status: "open" as const,
      createdAt: day(2),
    },
  ]);
  await rebuildRollups(db, orgId);
}

/** The worked example's plan over a ten-day period: 2,000 / 500 / 150 / 40 / 400,000. */
const workedExampleGoal = {
  name: "Ten days",
  startsOn: "2026-01-01",
  endsOn: "2026-01-10",
  target: 400000,
  plan: { leads: 2000, leadToMql: 0.25, mqlToSql: 0.3, sqlToWon: 40 / 150, avgDealSize: 10000 },
};

describeEachEngine("summary", (db) => {
  it("splits the worked example's gap by lever, to the cent", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    const goal = await createGoal(app, owner, workedExampleGoal);
    await seedWorkedExample(db().db, owner.orgId);
    const response = await call(app, "GET", `/api/v1/goals/${goal.id}/summary?asOf=2026-01-10`, {
      caller: owner,
    });
    expect(response.status).toBe(200);
    const summary = await readAs(response, summarySchema);
    expect(summary.funnel.actual).toEqual({
      leads: 1800,
      mqls: 540,
      sqls: 135,
      wins: 30,
      revenue: 330000,
    });
    expect(summary.funnel.plan.leads).toBeCloseTo(2000, 9);
    expect(summary.funnel.plan.revenue).toBeCloseTo(400000, 6);
    const c = summary.contributions;
    expect(c.gap).toBeCloseTo(-70000, 6);
    expect(c.activity).toBeCloseTo(-38658.15, 2);
    expect(c.conversion?.leadToMql).toBeCloseTo(67202.96, 2);
    expect(c.conversion?.mqlToSql).toBeCloseTo(-66813.7, 2);
    expect(c.conversion?.sqlToWon).toBeCloseTo(-66813.7, 2);
    expect(c.conversion?.total).toBeCloseTo(-66424.44, 2);
    expect(c.dealSize).toBeCloseTo(35082.59, 2);
    const sum = (c.activity ?? 0) + (c.conversion?.total ?? 0) + (c.dealSize ?? 0);
    expect(Math.abs(sum - c.gap)).toBeLessThan(1e-6);
    expect(summary).toMatchObject({
      target: 400000,
      actual: 330000,
      attainment: 0.825,
      expectedToDate: 400000,
      projected: 330000,
      status: "off_track",
      pipeline: { amount: 50000, deals: 1 },
    });
    expect(summary.pipelineCoverage).toBeCloseTo(50000 / 70000, 9);
    expect(summary.series).toHaveLength(10);
    expect(summary.series.at(-1)).toEqual({ date: "2026-01-10", actual: 330000, expected: 400000 });
  });

  it("answers the same summary gzipped to a client that accepts it, and plain to one that does not", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    const goal = await createGoal(app, owner, workedExampleGoal);
    await seedWorkedExample(db().db, owner.orgId);
    const path = `/api/v1/goals/${goal.id}/summary?asOf=2026-01-10`;
    const plain = await call(app, "GET", path, { caller: owner });
    expect(plain.headers.get("content-encoding")).toBeNull();
    const plainText = await plain.text();
    // Twice: the first gzips the summary kept in memory, the second reuses those bytes.
    for (let i = 0; i < 2; i++) {
      const zipped = await call(app, "GET", path, {
        caller: owner,
        headers: { "accept-encoding": "gzip, deflate, br" },
      });
      expect(zipped.status).toBe(200);
      expect(zipped.headers.get("content-encoding")).toBe("gzip");
      expect(zipped.headers.get("vary")).toMatch(/accept-encoding/i);
      expect(zipped.headers.get("cache-control")).toBe("no-store");
      const text = gunzipSync(new Uint8Array(await zipped.arrayBuffer())).toString("utf8");
      expect(text).toBe(plainText);
    }
    expect(summarySchema.parse(JSON.parse(plainText)).actual).toBe(330000);
  });

  it("paces linearly mid-period and bounds asOf to the period", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    const goal = await createGoal(app, owner, workedExampleGoal);
    await seedWorkedExample(db().db, owner.orgId);
    const mid = await readAs(
      await call(app, "GET", `/api/v1/goals/${goal.id}/summary?asOf=2026-01-05`, { caller: owner }),
      summarySchema,
    );
    expect(mid.expectedShare).toBe(0.5);
    expect(mid.expectedToDate).toBe(200000);
    expect(mid.funnel.plan.leads).toBe(1000);
    expect(mid.series.filter((p) => p.actual !== null)).toHaveLength(5);
    expect(mid.projected).toBeCloseTo(mid.actual / 0.5, 6);
    const late = await readAs(
      await call(app, "GET", `/api/v1/goals/${goal.id}/summary?asOf=2027-06-01`, { caller: owner }),
      summarySchema,
    );
    expect(late.asOf).toBe("2026-01-10");
    const before = await readAs(
      await call(app, "GET", `/api/v1/goals/${goal.id}/summary?asOf=2025-12-01`, { caller: owner }),
      summarySchema,
    );
    // Before the period it answers for the period's first day, never for a day outside it.
    expect(before.asOf).toBe("2026-01-01");
    expect(before.expectedShare).toBeCloseTo(0.1, 12);
    // The open pipeline is that day's, the same figure the forecast counts for that day: on
    // Jan 1 the three deals created that day and won on Jan 4, not the deal created on Jan 3.
    expect(before.pipeline).toEqual({ amount: 33000, deals: 3 });
    for (const asOf of ["2026-01-01", "2026-01-05", "2026-01-10"]) {
      const read = (resource: string) =>
        call(app, "GET", `/api/v1/goals/${goal.id}/${resource}?asOf=${asOf}`, { caller: owner });
      const summary = await readAs(await read("summary"), summarySchema);
      const forecast = await readAs(await read("forecast"), forecastSchema);
      expect(summary.pipeline, asOf).toEqual({
        amount: forecast.pipeline.amount,
        deals: forecast.pipeline.deals,
      });
    }
    const bad = await call(app, "GET", `/api/v1/goals/${goal.id}/summary?asOf=yesterday`, {
      caller: owner,
    });
    expect(bad.status).toBe(422);
  });

  it("reads the median speed-to-lead of the period's MQLs from the speed rollups", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app, { timezone: "UTC" });
    const sales = await createTeam(app, owner, "Sales", "sales");
    const goal = await createGoal(app, owner, {
      name: "January",
      startsOn: "2026-01-01",
      endsOn: "2026-01-31",
      target: 100000,
      plan: { leadToMql: 0.5, mqlToSql: 0.5, sqlToWon: 0.5, avgDealSize: 1000 },
    });
    const created = await call(app, "POST", `/api/v1/goals/${goal.id}/key-results`, {
      caller: owner,
      body: {
        title: "Speed-to-lead",
        teamId: sales,
        kind: "conversion",
        unit: "duration",
        start: 24,
        target: 2,
        metric: "median_speed_to_lead",
      },
    });
    expect(created.status).toBe(201);
    // Waits of 1, 2, 3, 5 and 40 hours in January; a lead contacted before it
    // qualified (0 h), one never contacted, and one MQL of December waiting 100 h outside.
    const hour = 3_600_000;
    const mql = (day: number) => new Date(Date.UTC(2026, 0, day, 9));
    const waits: [string, Date, number | null][] = [
      ["S1", mql(3), 1],
      ["S2", mql(4), 2],
      ["S3", mql(5), 3],
      ["S4", mql(6), 5],
      ["S5", mql(7), 40],
      ["S6", mql(8), -4],
      ["S7", mql(9), null],
      ["S8", new Date(Date.UTC(2025, 11, 20, 9)), 100],
    ];
    await db()
      .db.insert(leads)
      .values(
        waits.map(([externalId, mqlAt, wait]) => ({
          orgId: owner.orgId,
          externalId,
          createdAt: mqlAt,
          source: "webinar",
          mqlAt,
          firstContactAt: wait === null ? null : new Date(mqlAt.getTime() + wait * hour),
        })),
      );
    await rebuildRollups(db().db, owner.orgId);
    const median = async (asOf: string) => {
      const response = await call(app, "GET", `/api/v1/goals/${goal.id}/summary?asOf=${asOf}`, {
        caller: owner,
      });
      const summary = await readAs(response, summarySchema);
      return summary.keyResults.find((kr) => kr.title === "Speed-to-lead")?.current;
    };
    // Six contacted MQLs: 0, 1, 2, 3, 5, 40 h, median 2.5 h; the histogram is within 4.5%.
    const january = await median("2026-01-31");
    expect(january).toBeGreaterThan(2.5 / 1.045);
    expect(january).toBeLessThan(2.5 * 1.045);
    // Up to the 5th: 1, 2 and 3 h.
    const early = await median("2026-01-05");
    expect(early).toBeGreaterThan(2 / 1.045);
    expect(early).toBeLessThan(2 * 1.045);
  });

  it("paces on the shape of earlier periods when the goal asks for historical pacing", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app, { timezone: "UTC" });
    const goal = await createGoal(app, owner, {
      name: "Ten days",
      startsOn: "2026-01-11",
      endsOn: "2026-01-20",
      target: 100000,
      pacing: "historical",
      plan: { leadToMql: 0.5, mqlToSql: 0.5, sqlToWon: 0.5, avgDealSize: 1000 },
    });
    // The period before booked half on its 2nd day and half on its 7th; the one before that
    // booked everything on its 4th. Averaged by relative day: 25% by day 2, 75% by day 4 and 7.
    const won = (externalId: string, day: string, amount: number) => ({
      orgId: owner.orgId,
      externalId,
      amount,
      status: "won" as const,
      createdAt: new Date(`${day}T10:00:00Z`),
      closedAt: new Date(`${day}T12:00:00Z`),
    });
    await db()
      .db.insert(deals)
      .values([
        won("H1", "2026-01-02", 500_000),
        won("H2", "2026-01-07", 500_000),
        won("H3", "2025-12-25", 2_000_000),
      ]);
    await rebuildRollups(db().db, owner.orgId);
    const shareOn = async (asOf: string) => {
      const response = await call(app, "GET", `/api/v1/goals/${goal.id}/summary?asOf=${asOf}`, {
        caller: owner,
      });
      return (await readAs(response, summarySchema)).expectedShare;
    };
    expect(await shareOn("2026-01-11")).toBeCloseTo(0, 12);
    expect(await shareOn("2026-01-12")).toBeCloseTo(0.25, 12);
    expect(await shareOn("2026-01-15")).toBeCloseTo(0.75, 12);
    expect(await shareOn("2026-01-20")).toBeCloseTo(1, 12);
  });
});

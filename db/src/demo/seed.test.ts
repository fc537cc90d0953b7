import { createHash } from "node:crypto";
import { and, asc, eq, getTableColumns, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import type { DbOrTx } from "../client";
import { diffRollups } from "../queries/rollups";
import { member, organization, user } from "../schema/auth";
import { forecastCalls } from "../schema/forecast-history";
import { deals, leadFeedback, leads, touchpoints } from "../schema/funnel";
import { checkIns, goals, keyResults } from "../schema/goals";
import { createTestDatabase, describeEachEngine } from "../testing/index";
import { demoOrganization } from "./company";
import { DEMO_GOAL_ID } from "./goal-plan";
import { demoPeople } from "./people";
import { DemoAlreadySeededError, isDatabaseEmpty, seedDemo } from "./seed";

const orgId = demoOrganization.id;
const options = { seed: 7, today: "2025-05-20", leads: 2000 };

/** Every fact, goal and key-result row of the demo organization, in key order, hashed. */
async function demoRowsHash(db: DbOrTx): Promise<string> {
  const { seq: _seq, updatedAt: _t, ...touchpointColumns } = getTableColumns(touchpoints);
  const { updatedAt: _l, ...leadColumns } = getTableColumns(leads);
  const { updatedAt: _d, ...dealColumns } = getTableColumns(deals);
  const tables = await Promise.all([
    db.select(leadColumns).from(leads).where(eq(leads.orgId, orgId)).orderBy(asc(leads.externalId)),
    db.select(dealColumns).from(deals).where(eq(deals.orgId, orgId)).orderBy(asc(deals.externalId)),
    db
      .select(touchpointColumns)
      .from(touchpoints)
      .where(eq(touchpoints.orgId, orgId))
      .orderBy(asc(touchpoints.externalId)),
    db
      .select()
      .from(leadFeedback)
      .where(eq(leadFeedback.orgId, orgId))
      .orderBy(asc(leadFeedback.id)),
    db.select().from(goals).where(eq(goals.orgId, orgId)).orderBy(asc(goals.id)),
    db.select().from(keyResults).where(eq(keyResults.orgId, orgId)).orderBy(asc(keyResults.id)),
    db.select().from(checkIns).where(eq(checkIns.orgId, orgId)).orderBy(asc(checkIns.id)),
    db
      .select()
      .from(forecastCalls)
      .where(eq(forecastCalls.orgId, orgId))
      .orderBy(asc(forecastCalls.id)),
  ]);
  return createHash("sha256").update(JSON.stringify(tables)).digest("hex");
}

describeEachEngine("demo seed", (get, kind) => {
  beforeAll(async () => {
    expect(await isDatabaseEmpty(get().db)).toBe(true);
    await seedDemo(get(), options);
  }, 60_000);

  it("leaves rollups that agree with the facts", async () => {
    expect(await diffRollups(get().db, orgId)).toEqual([]);
  });

  it("creates the demo people with their roles and teams", async () => {
    const people = await get()
      .db.select({ email: user.email, role: member.role, teamId: member.teamId })
      .from(member)
      .innerJoin(user, eq(user.id, member.userId))
      .where(eq(member.organizationId, orgId))
      .orderBy(asc(user.email));
    expect(people).toEqual([
      { email: "exec@acme.test", role: "exec", teamId: null },
      { email: "marketing@acme.test", role: "lead", teamId: "team_marketing" },
      { email: "owner@acme.test", role: "owner", teamId: null },
      { email: "sales@acme.test", role: "lead", teamId: "team_sales" },
    ]);
    expect(demoPeople.map((p) => p.email).sort()).toEqual(people.map((p) => p.email));
  });

  it("is no longer empty, and refuses to seed the demo organization twice", async () => {
    expect(await isDatabaseEmpty(get().db)).toBe(false);
    await expect(seedDemo(get(), options)).rejects.toThrow(DemoAlreadySeededError);
  });

  it("gives identical rows for the same seed and today, other rows for another seed", async () => {
    const other = await createTestDatabase(kind);
    try {
      await seedDemo(other, options);
      const expected = await demoRowsHash(get().db);
      expect(await demoRowsHash(other.db)).toBe(expected);
      // Deleting the organization and seeding again reuses the people already registered.
      await other.db.delete(organization).where(eq(organization.id, orgId));
      await seedDemo(other, { ...options, seed: 8 });
      expect(await demoRowsHash(other.db)).not.toBe(expected);
      expect(await diffRollups(other.db, orgId)).toEqual([]);
    } finally {
      await other.destroy();
    }
  }, 60_000);

  it("closes wins late in the quarter", async () => {
    // Over the four finished quarters, the share of wins in each quarter's last 14 days.
    const [row] = await get()
      .db.select({
        late: sql<number>`avg((closed_at at time zone 'America/New_York' >= date_trunc('quarter', closed_at at time zone 'America/New_York') + interval '3 months' - interval '14 days')::int)`.mapWith(
          Number,
        ),
      })
      .from(deals)
      .where(
        sql`${deals.orgId} = ${orgId} and ${deals.status} = 'won' and ${deals.closedAt} >= '2024-04-01' and ${deals.closedAt} < '2025-04-01'`,
      );
    // 14 days are 15% of a quarter; late closers almost double that.
    expect(row?.late).toBeGreaterThan(0.22);
  });

  it("makes referrals convert better than paid search", async () => {
    const rows = await get()
      .db.select({
        source: leads.source,
        leadToMql: sql<number>`avg((${leads.mqlAt} is not null)::int)`.mapWith(Number),
        leadToWin:
          sql<number>`count(${deals.externalId}) filter (where ${deals.status} = 'won')::float / count(*)`.mapWith(
            Number,
          ),
      })
      .from(leads)
      .leftJoin(
        deals,
        sql`${deals.orgId} = ${leads.orgId} and ${deals.leadExternalId} = ${leads.externalId}`,
      )
      .where(eq(leads.orgId, orgId))
      .groupBy(leads.source);
    const bySource = new Map(rows.map((r) => [r.source, r]));
    expect([...bySource.keys()].sort()).toEqual(
      ["content", "events", "outbound", "paid_search", "referral", "webinar"].sort(),
    );
    const referral = bySource.get("referral");
    const paidSearch = bySource.get("paid_search");
    expect(referral?.leadToMql).toBeGreaterThan(2 * (paidSearch?.leadToMql ?? 1));
    expect(referral?.leadToWin).toBeGreaterThan(5 * (paidSearch?.leadToWin ?? 1));
  });

  it("plans the current quarter so that it is slightly behind on a linear pace", async () => {
    const [goal] = await get()
      .db.select()
      .from(goals)
      .where(and(eq(goals.orgId, orgId), eq(goals.id, DEMO_GOAL_ID)));
    expect(goal).toMatchObject({ startsOn: "2025-04-01", endsOn: "2025-06-30", pacing: "linear" });
    if (!goal) return;
    const [actual] = await get()
      .db.select({ revenue: sql<number>`coalesce(sum(won_amount), 0)`.mapWith(Number) })
      .from(sql`daily_rollups`)
      .where(sql`org_id = ${orgId} and day between ${goal.startsOn} and ${options.today}`);
    const elapsed = 50 / 91;
    const attainment = (actual?.revenue ?? 0) / (goal.target * elapsed);
    expect(attainment).toBeGreaterThan(0.85);
    expect(attainment).toBeLessThan(1);
    // The plan covers its target.
    const planned =
      (goal.planLeads ?? 0) * goal.leadToMql * goal.mqlToSql * goal.sqlToWon * goal.avgDealSize;
    expect(planned).toBeGreaterThanOrEqual(goal.target);
    expect(planned).toBeLessThan(goal.target * 1.01);
  });

  it("has the closed quarters' goals too, planned before each began, so past periods can be judged", async () => {
    const rows = await get()
      .db.select({
        id: goals.id,
        startsOn: goals.startsOn,
        endsOn: goals.endsOn,
        target: goals.target,
      })
      .from(goals)
      .where(eq(goals.orgId, orgId))
      .orderBy(asc(goals.startsOn));
    expect(rows.map((g) => `${g.startsOn}..${g.endsOn}`)).toEqual([
      "2024-04-01..2024-06-30",
      "2024-07-01..2024-09-30",
      "2024-10-01..2024-12-31",
      "2025-01-01..2025-03-31",
      "2025-04-01..2025-06-30",
    ]);
    expect(rows.at(-1)?.id).toBe(DEMO_GOAL_ID);
    expect(rows.every((g) => g.target >= 100_000)).toBe(true);
  });

  it("has each team's weekly calls in the closed quarters, close to their part at the end", async () => {
    const db = get().db;
    const calls = await db
      .select()
      .from(forecastCalls)
      .where(eq(forecastCalls.orgId, orgId))
      .orderBy(asc(forecastCalls.createdAt));
    const past = (await db.select().from(goals).where(eq(goals.orgId, orgId))).filter(
      (g) => g.id !== DEMO_GOAL_ID,
    );
    for (const goal of past) {
      const ofGoal = calls.filter((c) => c.goalId === goal.id);
      for (const teamId of ["team_sales", "team_marketing"]) {
        const ofTeam = ofGoal.filter((c) => c.teamId === teamId);
        expect(ofTeam.length).toBeGreaterThanOrEqual(12);
        for (const c of ofTeam) {
          expect(c.week >= goal.startsOn && c.week <= goal.endsOn).toBe(true);
          expect(new Date(`${c.week}T12:00:00Z`).getUTCDay()).toBe(1);
          expect(c.bestCase).toBeGreaterThanOrEqual(c.commit);
        }
      }
      // Sales' last call against what the deals it had by then finally won in the quarter.
      const last = ofGoal.filter((c) => c.teamId === "team_sales").at(-1);
      const [won] = await db
        .select({ amount: sql<number>`coalesce(sum(${deals.amount}), 0)`.mapWith(Number) })
        .from(deals)
        .where(
          sql`${deals.orgId} = ${orgId} and ${deals.status} = 'won'
              and (${deals.closedAt} at time zone ${demoOrganization.timezone})::date
                between ${goal.startsOn} and ${goal.endsOn}
              and (${deals.createdAt} at time zone ${demoOrganization.timezone})::date
                <= (${last?.createdAt.toISOString() ?? null}::timestamptz at time zone ${demoOrganization.timezone})::date`,
        );
      const ratio = (last?.commit ?? 0) / (won?.amount ?? 1);
      expect(ratio).toBeGreaterThan(0.85);
      expect(ratio).toBeLessThan(1.15);
    }
  });

  it("gives marketing and sales key results with recent check-ins", async () => {
    const krs = await get()
      .db.select({ title: keyResults.title, teamId: keyResults.teamId, metric: keyResults.metric })
      .from(keyResults)
      .where(eq(keyResults.orgId, orgId))
      .orderBy(asc(keyResults.id));
    expect(krs).toEqual([
      { title: "Leads", teamId: "team_marketing", metric: "leads" },
      { title: "MQL rate", teamId: "team_marketing", metric: "lead_to_mql" },
      { title: "Webinar attendance", teamId: "team_marketing", metric: null },
      { title: "SQL to win rate", teamId: "team_sales", metric: "sql_to_won" },
      { title: "Median speed-to-lead", teamId: "team_sales", metric: "median_speed_to_lead" },
      { title: "Pipeline reviews held", teamId: "team_sales", metric: null },
    ]);
    const recent = await get()
      .db.select({ confidence: checkIns.confidence, at: checkIns.createdAt })
      .from(checkIns)
      .where(eq(checkIns.orgId, orgId));
    expect(recent.length).toBe(24);
    for (const c of recent) {
      expect(c.confidence).toBeGreaterThanOrEqual(1);
      expect(c.confidence).toBeLessThanOrEqual(10);
      expect(c.at.getTime()).toBeLessThan(Date.parse("2025-05-20T04:00:00Z"));
    }
  });
});

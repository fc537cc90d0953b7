import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { dailyRollups } from "../schema/index";
import { type CategoryHistoryDifference, diffCategoryHistory } from "./deal-category-history";
import {
  diffForecastRollups,
  type ForecastRollupDifference,
  rebuildForecastRollups,
} from "./forecast-rollups";
import { diffSpeedRollups, rebuildSpeedRollups, type SpeedRollupDifference } from "./speed-rollups";

/**
 * The rollups as they must be, computed from the facts. Each flow is counted on the
 * organization-local day it happened: leads on created_at, MQLs on mql_at, SQLs on sql_at,
 * wins and won amount on closed_at (status won), open pipeline on the open deal's created_at.
 * A deal takes its lead's source and campaign; a deal without a known lead counts as "(none)".
 */
const expectedRollupsSql = (orgId: string) => sql`
  with org as (select timezone from organization where id = ${orgId}),
  flows as (
    select (l.created_at at time zone org.timezone)::date as day, l.source, l.campaign,
           1 as leads, 0 as mqls, 0 as sqls, 0 as wins, 0::bigint as won_amount, 0 as open_deals, 0::bigint as open_amount
      from leads l, org where l.org_id = ${orgId}
    union all
    select (l.mql_at at time zone org.timezone)::date, l.source, l.campaign, 0, 1, 0, 0, 0, 0, 0
      from leads l, org where l.org_id = ${orgId} and l.mql_at is not null
    union all
    select (l.sql_at at time zone org.timezone)::date, l.source, l.campaign, 0, 0, 1, 0, 0, 0, 0
      from leads l, org where l.org_id = ${orgId} and l.sql_at is not null
    union all
    select (d.closed_at at time zone org.timezone)::date, coalesce(l.source, '(none)'), coalesce(l.campaign, ''),
           0, 0, 0, 1, d.amount, 0, 0
      from deals d cross join org
      left join leads l on l.org_id = d.org_id and l.external_id = d.lead_external_id
     where d.org_id = ${orgId} and d.status = 'won' and d.closed_at is not null
    union all
    select (d.created_at at time zone org.timezone)::date, coalesce(l.source, '(none)'), coalesce(l.campaign, ''),
           0, 0, 0, 0, 0, 1, d.amount
      from deals d cross join org
      left join leads l on l.org_id = d.org_id and l.external_id = d.lead_external_id
     where d.org_id = ${orgId} and d.status = 'open'
  )
  select day::text as day, source, campaign,
         sum(leads)::int as leads, sum(mqls)::int as mqls, sum(sqls)::int as sqls, sum(wins)::int as wins,
         sum(won_amount)::text as won_amount, sum(open_deals)::int as open_deals, sum(open_amount)::text as open_amount
    from flows group by day, source, campaign`;

export interface RollupRow {
  day: string;
  source: string;
  campaign: string;
  leads: number;
  mqls: number;
  sqls: number;
  wins: number;
  wonAmount: number;
  openDeals: number;
  openAmount: number;
}

/** A rollup row's key and figures as RollupRow names them, from any select of its columns. */
export const rollupFigures = {
  source: sql<string>`source`,
  campaign: sql<string>`campaign`,
  leads: sql<number>`leads`.mapWith(Number),
  mqls: sql<number>`mqls`.mapWith(Number),
  sqls: sql<number>`sqls`.mapWith(Number),
  wins: sql<number>`wins`.mapWith(Number),
  wonAmount: sql<number>`won_amount`.mapWith(Number),
  openDeals: sql<number>`open_deals`.mapWith(Number),
  openAmount: sql<number>`open_amount`.mapWith(Number),
};

const rollupKey = (r: Pick<RollupRow, "day" | "source" | "campaign">) =>
  `${r.day}\u0000${r.source}\u0000${r.campaign}`;

/** Replaces an organization's rollups by the ones computed from its facts (demo seeding, repair). */
export async function rebuildRollups(tx: DbOrTx, orgId: string): Promise<void> {
  await rebuildSpeedRollups(tx, orgId);
  await rebuildForecastRollups(tx, orgId);
  await tx.delete(dailyRollups).where(eq(dailyRollups.orgId, orgId));
  await tx.execute(sql`
    insert into daily_rollups (org_id, day, source, campaign, leads, mqls, sqls, wins, won_amount, open_deals, open_amount)
    select ${orgId}, day::date, source, campaign, leads, mqls, sqls, wins, won_amount::bigint, open_deals, open_amount::bigint
      from (${expectedRollupsSql(orgId)}) expected`);
}

export interface DailyRollupDifference {
  table: "daily_rollups";
  key: { day: string; source: string; campaign: string };
  stored: RollupRow | null;
  expected: RollupRow | null;
}

export type RollupDifference =
  | DailyRollupDifference
  | SpeedRollupDifference
  | ForecastRollupDifference
  | CategoryHistoryDifference;

/**
 * Compares the stored rollups (daily, speed, forecast) and the category history with the facts;
 * empty means they agree.
 */
export async function diffRollups(db: DbOrTx, orgId: string): Promise<RollupDifference[]> {
  return [
    ...(await diffDailyRollups(db, orgId)),
    ...(await diffSpeedRollups(db, orgId)),
    ...(await diffForecastRollups(db, orgId)),
    ...(await diffCategoryHistory(db, orgId)),
  ];
}

async function diffDailyRollups(db: DbOrTx, orgId: string): Promise<DailyRollupDifference[]> {
  // Selected through the query builder, whose result shape is the same on both drivers.
  const expectedRows = await db
    .select({
      day: sql<string>`day`,
      ...rollupFigures,
    })
    .from(sql`(${expectedRollupsSql(orgId)}) as expected`);
  const expected = new Map<string, RollupRow>();
  for (const r of expectedRows) {
    if (!isZero(r)) expected.set(rollupKey(r), r);
  }
  const storedRows = await db.select().from(dailyRollups).where(eq(dailyRollups.orgId, orgId));
  const differences: DailyRollupDifference[] = [];
  const seen = new Set<string>();
  for (const row of storedRows) {
    const stored: RollupRow = { ...row };
    const key = rollupKey(stored);
    seen.add(key);
    const want = expected.get(key) ?? null;
    if (isZero(stored) && !want) continue;
    if (!want || !sameCounts(stored, want)) {
      differences.push({ table: "daily_rollups", key: pickKey(stored), stored, expected: want });
    }
  }
  for (const [key, want] of expected) {
    if (!seen.has(key)) {
      differences.push({
        table: "daily_rollups",
        key: pickKey(want),
        stored: null,
        expected: want,
      });
    }
  }
  return differences;
}

function pickKey(r: RollupRow) {
  return { day: r.day, source: r.source, campaign: r.campaign };
}

const counters = ["leads", "mqls", "sqls", "wins", "wonAmount", "openDeals", "openAmount"] as const;

function isZero(r: RollupRow): boolean {
  return counters.every((c) => r[c] === 0);
}

function sameCounts(a: RollupRow, b: RollupRow): boolean {
  return counters.every((c) => a[c] === b[c]);
}

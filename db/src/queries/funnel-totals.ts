import { and, asc, eq, gt, gte, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { dailyRollups, dealCloseRollups } from "../schema/index";

export interface DailyFlows {
  day: string;
  leads: number;
  mqls: number;
  sqls: number;
  wins: number;
  revenue: number;
}

/**
 * Flows per day in [from, to], summed over sources, from the rollups only: the cost depends on
 * the number of days, never on the number of leads.
 */
export function dailyFlows(
  db: DbOrTx,
  orgId: string,
  from: string,
  to: string,
): Promise<DailyFlows[]> {
  return db
    .select({
      day: dailyRollups.day,
      leads: sql<number>`sum(${dailyRollups.leads})`.mapWith(Number),
      mqls: sql<number>`sum(${dailyRollups.mqls})`.mapWith(Number),
      sqls: sql<number>`sum(${dailyRollups.sqls})`.mapWith(Number),
      wins: sql<number>`sum(${dailyRollups.wins})`.mapWith(Number),
      revenue: sql<number>`sum(${dailyRollups.wonAmount})`.mapWith(Number),
    })
    .from(dailyRollups)
    .where(
      and(eq(dailyRollups.orgId, orgId), gte(dailyRollups.day, from), lte(dailyRollups.day, to)),
    )
    .groupBy(dailyRollups.day)
    .orderBy(asc(dailyRollups.day));
}

/**
 * The amount and count of deals open at the end of `asOf` (created by then, closed after it or
 * not yet), from the deals' close rollup: the same open pipeline the forecast counts, so the
 * dashboard looking back shows the pipeline of that day, not today's.
 */
export async function openPipeline(
  db: DbOrTx,
  orgId: string,
  asOf: string,
): Promise<{ amount: number; deals: number }> {
  const r = dealCloseRollups;
  const rows = await db
    .select({
      amount: sql<number>`coalesce(sum(${r.amount}), 0)`.mapWith(Number),
      deals: sql<number>`coalesce(sum(${r.deals}), 0)`.mapWith(Number),
    })
    .from(r)
    .where(and(eq(r.orgId, orgId), gt(r.closedOn, asOf), lte(r.createdOn, asOf)));
  return rows[0] ?? { amount: 0, deals: 0 };
}

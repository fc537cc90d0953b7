import type { DbOrTx } from "@tandem/db";
import { sql } from "drizzle-orm";

export interface NaiveDay {
  day: string;
  leads: number;
  mqls: number;
  sqls: number;
  wins: number;
  /** Minor units. */
  revenue: number;
}

/**
 * The summary's funnel flows per day computed the way one would without rollups: a GROUP BY
 * over the facts of the period, each flow on the day it happened in the organization's
 * timezone. It is the baseline the rollups are measured against, so it gets the indexes the
 * schema has (leads by created_at, deals by closed_at) and nothing made for it: mql_at and
 * sql_at have none.
 */
export function naiveDailyFlows(
  db: DbOrTx,
  orgId: string,
  from: string,
  to: string,
  timezone: string,
): Promise<NaiveDay[]> {
  const start = sql`(${from}::date::timestamp at time zone ${timezone})`;
  const end = sql`((${to}::date + 1)::timestamp at time zone ${timezone})`;
  const flows = sql`(
    select (created_at at time zone ${timezone})::date as day,
           count(*) as leads, 0 as mqls, 0 as sqls, 0 as wins, 0 as revenue
      from leads
     where org_id = ${orgId} and created_at >= ${start} and created_at < ${end}
     group by 1
    union all
    select (mql_at at time zone ${timezone})::date, 0, count(*), 0, 0, 0
      from leads
     where org_id = ${orgId} and mql_at >= ${start} and mql_at < ${end}
     group by 1
    union all
    select (sql_at at time zone ${timezone})::date, 0, 0, count(*), 0, 0
      from leads
     where org_id = ${orgId} and sql_at >= ${start} and sql_at < ${end}
     group by 1
    union all
    select (closed_at at time zone ${timezone})::date, 0, 0, 0, count(*), sum(amount)
      from deals
     where org_id = ${orgId} and status = 'won' and closed_at >= ${start} and closed_at < ${end}
     group by 1
  ) as flows`;
  // Through the query builder, whose result shape is the same on both drivers.
  return db
    .select({
      day: sql<string>`day::text`,
      leads: sql<number>`sum(leads)`.mapWith(Number),
      mqls: sql<number>`sum(mqls)`.mapWith(Number),
      sqls: sql<number>`sum(sqls)`.mapWith(Number),
      wins: sql<number>`sum(wins)`.mapWith(Number),
      revenue: sql<number>`sum(revenue)`.mapWith(Number),
    })
    .from(flows)
    .groupBy(sql`day`)
    .orderBy(sql`day`);
}

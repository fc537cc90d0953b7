import { and, asc, count, desc, eq, gte, lte, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "../client";
import {
  deals,
  forecastCalls,
  forecastSnapshots,
  goals,
  organization,
  teams,
  user,
} from "../schema/index";

import type { GoalRow } from "./goals";

export type ForecastSnapshotRow = typeof forecastSnapshots.$inferSelect;
export type NewForecastSnapshot = Omit<ForecastSnapshotRow, "orgId" | "createdAt">;
export type ForecastCallRow = typeof forecastCalls.$inferSelect;

/**
 * Stores the day's forecast unless one is stored already: the first writer of the day wins and
 * every other one changes nothing, however many requests race (the primary key decides).
 */
export async function insertForecastSnapshot(
  db: DbOrTx,
  orgId: string,
  snapshot: NewForecastSnapshot,
): Promise<boolean> {
  const rows = await db
    .insert(forecastSnapshots)
    .values({ ...snapshot, orgId })
    .onConflictDoNothing()
    .returning({ day: forecastSnapshots.day });
  return rows.length > 0;
}

export async function hasForecastSnapshot(
  db: DbOrTx,
  orgId: string,
  goalId: string,
  day: string,
): Promise<boolean> {
  const rows = await db
    .select({ day: forecastSnapshots.day })
    .from(forecastSnapshots)
    .where(
      and(
        eq(forecastSnapshots.orgId, orgId),
        eq(forecastSnapshots.goalId, goalId),
        eq(forecastSnapshots.day, day),
      ),
    );
  return rows.length > 0;
}

/** The latest snapshot on or before `day`, or null. */
export async function snapshotOnOrBefore(
  db: DbOrTx,
  orgId: string,
  goalId: string,
  day: string,
): Promise<ForecastSnapshotRow | null> {
  const rows = await db
    .select()
    .from(forecastSnapshots)
    .where(
      and(
        eq(forecastSnapshots.orgId, orgId),
        eq(forecastSnapshots.goalId, goalId),
        lte(forecastSnapshots.day, day),
      ),
    )
    .orderBy(desc(forecastSnapshots.day))
    .limit(1);
  return rows[0] ?? null;
}

/** The goal's snapshots from `from` to `to`, oldest first (at most one a day: a period's worth). */
export function listForecastSnapshots(
  db: DbOrTx,
  orgId: string,
  goalId: string,
  from: string,
  to: string,
): Promise<ForecastSnapshotRow[]> {
  return db
    .select()
    .from(forecastSnapshots)
    .where(
      and(
        eq(forecastSnapshots.orgId, orgId),
        eq(forecastSnapshots.goalId, goalId),
        gte(forecastSnapshots.day, from),
        lte(forecastSnapshots.day, to),
      ),
    )
    .orderBy(asc(forecastSnapshots.day));
}

/**
 * Serialises the calls of one team on one goal, so that of two calls made against the same
 * version exactly one lands (a transaction-scoped advisory lock, released at commit).
 */
async function lockTeamCalls(tx: Tx, orgId: string, goalId: string, teamId: string) {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`calls:${orgId}:${goalId}:${teamId}`}, 0))`,
  );
}

/** How many calls the team has made on the goal: the version a new call must have seen. */
export async function teamCallVersion(
  db: DbOrTx,
  orgId: string,
  goalId: string,
  teamId: string,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(forecastCalls)
    .where(
      and(
        eq(forecastCalls.orgId, orgId),
        eq(forecastCalls.goalId, goalId),
        eq(forecastCalls.teamId, teamId),
      ),
    );
  return row?.n ?? 0;
}

/**
 * Adds a team's call if the team's calls are still at `version` (the count the caller saw);
 * otherwise returns the current version and writes nothing.
 */
export async function insertForecastCall(
  tx: Tx,
  call: Omit<ForecastCallRow, "createdAt">,
  version: number,
): Promise<{ row: ForecastCallRow; version: number } | { row: null; version: number }> {
  await lockTeamCalls(tx, call.orgId, call.goalId, call.teamId);
  const current = await teamCallVersion(tx, call.orgId, call.goalId, call.teamId);
  if (current !== version) return { row: null, version: current };
  const [row] = await tx.insert(forecastCalls).values(call).returning();
  if (!row) throw new Error("insert returned no call");
  return { row, version: current + 1 };
}

export type ForecastCallWithContext = {
  call: ForecastCallRow;
  team: { id: string; name: string; function: string };
  authorName: string | null;
};

/** The goal's calls, newest first. */
export function listForecastCalls(
  db: DbOrTx,
  orgId: string,
  goalId: string,
  limit = 500,
): Promise<ForecastCallWithContext[]> {
  return db
    .select({
      call: forecastCalls,
      team: { id: teams.id, name: teams.name, function: teams.function },
      authorName: user.name,
    })
    .from(forecastCalls)
    .innerJoin(teams, and(eq(teams.orgId, forecastCalls.orgId), eq(teams.id, forecastCalls.teamId)))
    .leftJoin(user, eq(user.id, forecastCalls.authorId))
    .where(and(eq(forecastCalls.orgId, orgId), eq(forecastCalls.goalId, goalId)))
    .orderBy(desc(forecastCalls.createdAt), desc(forecastCalls.id))
    .limit(limit);
}

/**
 * The revenue won in a period, by the day its deal was created (organization calendar days):
 * how a closed period's revenue splits into what sales had in its pipeline at a day and what
 * came later. Reads the won deals closed in the period only (deals_org_closed_idx), like the
 * attribution of a period, and only for the accuracy of a closed period.
 */
export function wonInPeriodByCreationDay(
  db: DbOrTx,
  orgId: string,
  period: { startsOn: string; endsOn: string },
) {
  const day = sql<string>`(${deals.createdAt} at time zone ${organization.timezone})::date::text`;
  const closed = sql`(${deals.closedAt} at time zone ${organization.timezone})::date`;
  return db
    .select({ createdOn: day, amount: sql<number>`sum(${deals.amount})`.mapWith(Number) })
    .from(deals)
    .innerJoin(organization, eq(organization.id, deals.orgId))
    .where(
      and(
        eq(deals.orgId, orgId),
        eq(deals.status, "won"),
        // The index's range first, then the exact calendar days.
        gte(deals.closedAt, sql`(${period.startsOn}::date - 1)::timestamptz`),
        lte(deals.closedAt, sql`(${period.endsOn}::date + 2)::timestamptz`),
        sql`${closed} between ${period.startsOn}::date and ${period.endsOn}::date`,
      ),
    )
    .groupBy(day)
    .orderBy(day);
}

/**
 * The organization's timezone and its goals whose period holds today (in that timezone) with
 * no forecast snapshot stored for today yet: what a change of the day still has to record.
 */
export async function goalsAwaitingTodaysSnapshot(
  db: DbOrTx,
  orgId: string,
): Promise<{ timezone: string; goals: GoalRow[] } | null> {
  const today = sql`(now() at time zone ${organization.timezone})::date`;
  // The goals are matched to orgId itself, not only through the organization row: Citus routes
  // to one shard only when the tenant table's org_id is compared to the value (docs/scaling.md).
  const rows = await db
    .select({ timezone: organization.timezone, goal: goals })
    .from(organization)
    .leftJoin(
      goals,
      sql`${goals.orgId} = ${orgId} and ${goals.orgId} = ${organization.id}
          and ${goals.startsOn} <= ${today} and ${goals.endsOn} >= ${today}
          and not exists (select 1 from ${forecastSnapshots} s where s.org_id = ${orgId}
            and s.goal_id = ${goals.id} and s.day = ${today})`,
    )
    .where(eq(organization.id, orgId));
  const first = rows[0];
  if (!first) return null;
  return {
    timezone: first.timezone,
    goals: rows.flatMap((row) => (row.goal ? [row.goal] : [])),
  };
}

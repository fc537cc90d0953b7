import { and, asc, desc, eq, gte, isNull, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { deals, displays, goals, leads, organization, touchpoints } from "../schema/index";
import type { GoalRow } from "./goals";

export type DisplayRow = typeof displays.$inferSelect;

export interface NewDisplay {
  id: string;
  name: string;
  goalId: string;
  tokenHash: string;
  createdBy: string;
}

export async function insertDisplay(
  tx: DbOrTx,
  orgId: string,
  display: NewDisplay,
): Promise<DisplayRow> {
  const [row] = await tx
    .insert(displays)
    .values({ ...display, orgId })
    .returning();
  if (!row) throw new Error("insert returned no display");
  return row;
}

/**
 * Active (unrevoked) displays, newest first, with their goal's name. Paged by the id of the
 * last row seen; the database compares (created_at, id) itself, at full timestamp precision.
 */
export function listDisplays(
  db: DbOrTx,
  orgId: string,
  options: { limit: number; afterId?: string },
) {
  const { afterId } = options;
  return db
    .select({ display: displays, goalName: goals.name })
    .from(displays)
    .innerJoin(goals, and(eq(goals.orgId, displays.orgId), eq(goals.id, displays.goalId)))
    .where(
      and(
        eq(displays.orgId, orgId),
        isNull(displays.revokedAt),
        afterId === undefined
          ? undefined
          : sql`(${displays.createdAt}, ${displays.id}) < (select d.created_at, d.id from displays d where d.org_id = ${orgId} and d.id = ${afterId})`,
      ),
    )
    .orderBy(desc(displays.createdAt), desc(displays.id))
    .limit(options.limit);
}

export async function findDisplay(
  db: DbOrTx,
  orgId: string,
  id: string,
): Promise<DisplayRow | null> {
  const rows = await db
    .select()
    .from(displays)
    .where(and(eq(displays.orgId, orgId), eq(displays.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

/** Marks a display revoked; null when it was already revoked (nothing changed). */
export async function revokeDisplay(
  tx: DbOrTx,
  orgId: string,
  id: string,
): Promise<DisplayRow | null> {
  const [row] = await tx
    .update(displays)
    .set({ revokedAt: new Date() })
    .where(and(eq(displays.orgId, orgId), eq(displays.id, id), isNull(displays.revokedAt)))
    .returning();
  return row ?? null;
}

/** The unrevoked display a token opens; the token names the org, so this is one index probe. */
export async function findActiveDisplayByTokenHash(
  db: DbOrTx,
  orgId: string,
  tokenHash: string,
): Promise<DisplayRow | null> {
  const rows = await db
    .select()
    .from(displays)
    .where(
      and(eq(displays.orgId, orgId), eq(displays.tokenHash, tokenHash), isNull(displays.revokedAt)),
    )
    .limit(1);
  return rows[0] ?? null;
}

/** A goal with its organization's timezone: all a live summary needs besides the rollups. */
export async function findGoalWithTimezone(
  db: DbOrTx,
  orgId: string,
  goalId: string,
): Promise<{ goal: GoalRow; timezone: string } | null> {
  const rows = await db
    .select({ goal: goals, timezone: organization.timezone })
    .from(goals)
    .innerJoin(organization, eq(organization.id, goals.orgId))
    .where(and(eq(goals.orgId, orgId), eq(goals.id, goalId)))
    .limit(1);
  return rows[0] ?? null;
}

export interface RecentWinRow {
  externalId: string;
  amount: number;
  closedAt: Date | null;
  owner: string | null;
  leadExternalId: string | null;
  leadSource: string | null;
  firstTouchChannel: string | null;
  firstTouchCampaign: string | null;
}

/**
 * The latest won deals closed in [from, to), with the lead's source and first touchpoint, so
 * a win credits both the closing rep and the marketing that started it. Walks the
 * (org_id, closed_at) index backwards and probes one touchpoint per deal: cost is the limit,
 * not history.
 */
export function recentWins(
  db: DbOrTx,
  orgId: string,
  range: { from: Date; to: Date },
  limit: number,
): Promise<RecentWinRow[]> {
  const firstTouch = db
    .select({ channel: touchpoints.channel, campaign: touchpoints.campaign })
    .from(touchpoints)
    .where(and(eq(touchpoints.orgId, orgId), eq(touchpoints.leadExternalId, deals.leadExternalId)))
    .orderBy(asc(touchpoints.occurredAt), asc(touchpoints.seq))
    .limit(1)
    .as("first_touch");
  return db
    .select({
      externalId: deals.externalId,
      amount: deals.amount,
      closedAt: deals.closedAt,
      owner: deals.owner,
      leadExternalId: deals.leadExternalId,
      leadSource: leads.source,
      firstTouchChannel: firstTouch.channel,
      firstTouchCampaign: firstTouch.campaign,
    })
    .from(deals)
    .leftJoin(leads, and(eq(leads.orgId, deals.orgId), eq(leads.externalId, deals.leadExternalId)))
    .leftJoinLateral(firstTouch, sql`true`)
    .where(
      and(
        eq(deals.orgId, orgId),
        eq(deals.status, "won"),
        gte(deals.closedAt, range.from),
        lt(deals.closedAt, range.to),
      ),
    )
    .orderBy(desc(deals.closedAt), desc(deals.externalId))
    .limit(limit);
}

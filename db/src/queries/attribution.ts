import { and, asc, eq, gte, inArray, isNotNull, lt } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { deals, leads, touchpoints } from "../schema/index";

export interface WonDealRow {
  externalId: string;
  leadExternalId: string | null;
  /** Minor units. */
  amount: number;
  createdAt: Date;
  closedAt: Date;
  /** Null when the deal has no lead or its lead has not been ingested. */
  leadCreatedAt: Date | null;
}

export interface TouchpointRow {
  leadExternalId: string;
  channel: string;
  occurredAt: Date;
  seq: number;
}

const wonIn = (orgId: string, from: Date, to: Date) =>
  and(
    eq(deals.orgId, orgId),
    eq(deals.status, "won"),
    gte(deals.closedAt, from),
    lt(deals.closedAt, to),
  );

/** The deals won (closed) in [from, to), with their lead's creation time, oldest close first. */
export async function wonDealsClosedIn(
  db: DbOrTx,
  orgId: string,
  from: Date,
  to: Date,
): Promise<WonDealRow[]> {
  const rows = await db
    .select({
      externalId: deals.externalId,
      leadExternalId: deals.leadExternalId,
      amount: deals.amount,
      createdAt: deals.createdAt,
      closedAt: deals.closedAt,
      leadCreatedAt: leads.createdAt,
    })
    .from(deals)
    .leftJoin(leads, and(eq(leads.orgId, deals.orgId), eq(leads.externalId, deals.leadExternalId)))
    .where(wonIn(orgId, from, to))
    .orderBy(asc(deals.closedAt), asc(deals.externalId));
  const result: WonDealRow[] = [];
  for (const row of rows) {
    // closed_at is never null inside the range; the check narrows the type.
    if (row.closedAt === null) continue;
    result.push({ ...row, closedAt: row.closedAt });
  }
  return result;
}

/**
 * Every touchpoint of the leads of the deals won in [from, to), in time then ingest order.
 * The leads are chosen by the same range in a subquery rather than a list of ids, so the
 * statement stays the same size however many deals were won; each lead is one probe of the
 * (org_id, lead_external_id, occurred_at) index. The model drops touches after each close.
 */
export function touchpointsOfDealsWonIn(
  db: DbOrTx,
  orgId: string,
  from: Date,
  to: Date,
): Promise<TouchpointRow[]> {
  const leadsOfWonDeals = db
    .select({ leadExternalId: deals.leadExternalId })
    .from(deals)
    .where(and(wonIn(orgId, from, to), isNotNull(deals.leadExternalId)));
  return db
    .select({
      leadExternalId: touchpoints.leadExternalId,
      channel: touchpoints.channel,
      occurredAt: touchpoints.occurredAt,
      seq: touchpoints.seq,
    })
    .from(touchpoints)
    .where(and(eq(touchpoints.orgId, orgId), inArray(touchpoints.leadExternalId, leadsOfWonDeals)))
    .orderBy(asc(touchpoints.leadExternalId), asc(touchpoints.occurredAt), asc(touchpoints.seq));
}

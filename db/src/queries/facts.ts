import { and, asc, eq, getTableColumns, gte, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { deals, leads, touchpoints } from "../schema/index";

// Reading facts back as ingest stored them, for integrators that reconcile with their CRM.

export type LeadRow = typeof leads.$inferSelect;
export type DealRow = typeof deals.$inferSelect;
export type TouchpointRow = typeof touchpoints.$inferSelect;

export async function getLead(db: DbOrTx, orgId: string, externalId: string) {
  const rows = await db
    .select()
    .from(leads)
    .where(and(eq(leads.orgId, orgId), eq(leads.externalId, externalId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function getDeal(db: DbOrTx, orgId: string, externalId: string) {
  const rows = await db
    .select()
    .from(deals)
    .where(and(eq(deals.orgId, orgId), eq(deals.externalId, externalId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function getTouchpoint(db: DbOrTx, orgId: string, externalId: string) {
  const rows = await db
    .select()
    .from(touchpoints)
    .where(and(eq(touchpoints.orgId, orgId), eq(touchpoints.externalId, externalId)))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Where a page starts: after the (updated_at, external_id) of the last row of the previous one.
 * `updatedAt` is the stored instant as PostgreSQL writes it in JSON (microseconds included), so
 * rows written in the same millisecond are neither repeated nor skipped.
 */
export interface FactCursor {
  updatedAt: string;
  externalId: string;
}

export interface FactPage {
  limit: number;
  after?: FactCursor;
  updatedSince?: Date;
}

type FactTable = typeof leads | typeof deals | typeof touchpoints;

/** updated_at exactly, as ISO 8601 text (to_json keeps the microseconds a JS Date drops). */
const exactUpdatedAt = (table: FactTable) => sql<string>`to_json(${table.updatedAt}) #>> '{}'`;

/**
 * Pages in (updated_at, external_id) order, so a sync that remembers the last row it saw
 * (the cursor) or the time of its last run (updatedSince) gets every change exactly once.
 * That holds because ingest writes updated_at as clock_timestamp() under the organization's
 * ingest lock, not now() (the transaction's start): a batch that waited for the lock would
 * otherwise commit rows dated before ones a sync has already read, and the sync would miss them.
 */
function pageFilter(table: FactTable, orgId: string, page: FactPage): SQL | undefined {
  const { after, updatedSince } = page;
  return and(
    eq(table.orgId, orgId),
    updatedSince ? gte(table.updatedAt, updatedSince) : undefined,
    after
      ? sql`(${table.updatedAt}, ${table.externalId}) > (${after.updatedAt}::timestamptz, ${after.externalId})`
      : undefined,
  );
}

export function listLeads(db: DbOrTx, orgId: string, page: FactPage) {
  return db
    .select({ row: getTableColumns(leads), cursorAt: exactUpdatedAt(leads) })
    .from(leads)
    .where(pageFilter(leads, orgId, page))
    .orderBy(asc(leads.updatedAt), asc(leads.externalId))
    .limit(page.limit);
}

export function listDeals(db: DbOrTx, orgId: string, page: FactPage) {
  return db
    .select({ row: getTableColumns(deals), cursorAt: exactUpdatedAt(deals) })
    .from(deals)
    .where(pageFilter(deals, orgId, page))
    .orderBy(asc(deals.updatedAt), asc(deals.externalId))
    .limit(page.limit);
}

export function listTouchpoints(db: DbOrTx, orgId: string, page: FactPage) {
  return db
    .select({ row: getTableColumns(touchpoints), cursorAt: exactUpdatedAt(touchpoints) })
    .from(touchpoints)
    .where(pageFilter(touchpoints, orgId, page))
    .orderBy(asc(touchpoints.updatedAt), asc(touchpoints.externalId))
    .limit(page.limit);
}

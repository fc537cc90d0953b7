import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { organization } from "../schema/index";
import type { IngestCounts } from "./ingest";

/**
 * A whole batch travels as one JSON parameter read by json_to_recordset: one round trip and a
 * fixed number of bind parameters however many rows (a multi-row VALUES list of 10,000 leads
 * would need 80,000, past PostgreSQL's limit of 65,535).
 */
export const jsonParam = (rows: unknown[]): string => JSON.stringify(rows);

/**
 * The one row a top-level statement returned. Statements with data-modifying CTEs cannot sit
 * in a subquery, so they run through execute(), whose result is an array of rows on postgres-js
 * and `{rows}` on PGlite.
 */
export function firstRow(result: unknown): Record<string, unknown> {
  const rows: unknown =
    typeof result === "object" && result !== null && "rows" in result ? result.rows : result;
  const row: unknown = Array.isArray(rows) ? rows[0] : undefined;
  if (typeof row !== "object" || row === null) throw new Error("the statement returned no row");
  return Object.fromEntries(Object.entries(row));
}

const count = (row: Record<string, unknown>, name: string) => Number(row[name] ?? 0);

/** The counts every ingest statement selects: inserted, updated, unchanged, unknown_leads. */
export function countsOf(row: Record<string, unknown>): IngestCounts {
  return {
    inserted: count(row, "inserted"),
    updated: count(row, "updated"),
    unchanged: count(row, "unchanged"),
    unknownLeads: count(row, "unknown_leads"),
  };
}

export const textOf = (row: Record<string, unknown>, name: string): string =>
  String(row[name] ?? "");

/**
 * Serialises ingest per organization until the transaction ends. A batch reads the rows it
 * replaces (and, for leads, their deals) to compute rollup deltas, so two batches touching the
 * same facts must not interleave; other organizations are not held up.
 */
export async function lockIngest(tx: DbOrTx, orgId: string): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`tandem.ingest:${orgId}`}, 0))`,
  );
}

export async function organizationSettings(db: DbOrTx, orgId: string) {
  const rows = await db
    .select({ timezone: organization.timezone, currency: organization.currency })
    .from(organization)
    .where(eq(organization.id, orgId))
    .limit(1);
  return rows[0] ?? null;
}

/** Organizations a command-line import could write into, for choosing one by id. */
export function importTargets(db: DbOrTx) {
  return db
    .select({
      id: organization.id,
      name: organization.name,
      currency: organization.currency,
      timezone: organization.timezone,
    })
    .from(organization)
    .orderBy(organization.name)
    .limit(100);
}

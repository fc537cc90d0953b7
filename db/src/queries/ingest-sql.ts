import { eq, type SQL, sql } from "drizzle-orm";
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

/**
 * The counts every ingest statement selects: inserted, updated, unchanged, unknown_leads (deals
 * linked to their lead are counted apart, by ingest-links.ts).
 */
export function countsOf(row: Record<string, unknown>): IngestCounts {
  return {
    inserted: count(row, "inserted"),
    updated: count(row, "updated"),
    unchanged: count(row, "unchanged"),
    unknownLeads: count(row, "unknown_leads"),
    linkedDeals: 0,
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

/**
 * One stored column of a fact as ingest sees it. An optional column may be left out of a record:
 * the stored value is kept (a partial resend never erases what an earlier one said), while an
 * explicit null clears it. `fallback` (SQL over the merge's joins) is what a new row or a
 * cleared value stores instead of null: a constant for a not-null column, or a linked value.
 */
export interface FactColumn {
  field: string;
  column: string;
  type: "text" | "timestamptz" | "bigint";
  optional?: boolean;
  fallback?: string;
}

/**
 * The records as JSON rows for json_to_recordset, each optional field it leaves out marked by
 * `keep_<column>: true` (JSON has no undefined, so presence travels as a flag).
 */
export function factRows(
  records: readonly object[],
  columns: readonly FactColumn[],
  extra: (index: number) => Record<string, unknown> = () => ({}),
): string {
  return jsonParam(
    records.map((record, index) => {
      const values = new Map<string, unknown>(Object.entries(record));
      const row: Record<string, unknown> = {
        external_id: values.get("externalId"),
        ...extra(index),
      };
      for (const c of columns) {
        const value = values.get(c.field);
        if (value === undefined) {
          if (c.optional) row[`keep_${c.column}`] = true;
        } else row[c.column] = value;
      }
      return row;
    }),
  );
}

/** The column list of json_to_recordset for `factRows`. */
export const recordsetColumns = (columns: readonly FactColumn[], extra = ""): SQL =>
  sql.raw(
    [
      "external_id text",
      ...columns.map((c) => `${c.column} ${c.type}`),
      ...columns.filter((c) => c.optional).map((c) => `keep_${c.column} boolean`),
      ...(extra ? [extra] : []),
    ].join(", "),
  );

/**
 * Each column as the row will be after the record: the incoming value, or the stored one (alias
 * `stored`) where the record left an optional field out, with the fallback for not-null columns.
 */
export function mergedColumns(columns: readonly FactColumn[], stored: string): SQL {
  return sql.raw(
    columns
      .map((c) => {
        const value = c.optional
          ? `case when r.keep_${c.column} then ${stored}.${c.column} else r.${c.column} end`
          : `r.${c.column}`;
        return `${c.fallback ? `coalesce(${value}, ${c.fallback})` : value} as ${c.column}`;
      })
      .join(", "),
  );
}

/** The stored values as old_<column>, for taking back what a fact contributed. */
export const oldColumns = (columns: readonly FactColumn[], stored: string): SQL =>
  sql.raw(columns.map((c) => `${stored}.${c.column} as old_${c.column}`).join(", "));

/** True where the merged row (alias `m`) equals the stored one in every column: nothing to write. */
export const sameAsStored = (columns: readonly FactColumn[]): SQL =>
  sql.raw(
    `(${columns.map((c) => `m.old_${c.column}`).join(", ")}) is not distinct from (${columns.map((c) => `m.${c.column}`).join(", ")})`,
  );

/** `insert … select` and `on conflict do update` lists for the columns. */
export const columnNames = (columns: readonly FactColumn[]): SQL =>
  sql.raw(columns.map((c) => c.column).join(", "));

export const updateFromExcluded = (columns: readonly FactColumn[]): SQL =>
  sql.raw(columns.map((c) => `${c.column} = excluded.${c.column}`).join(",\n          "));

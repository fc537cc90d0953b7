import { sql } from "drizzle-orm";
import type { Db } from "../client";

function rowsOf(result: unknown): Array<Record<string, unknown>> {
  const rows: unknown =
    typeof result === "object" && result !== null && "rows" in result ? result.rows : result;
  return Array.isArray(rows) ? rows : [];
}

/**
 * One digest per table of the whole database (row count and an md5 over the rows as JSON),
 * in one statement: two equal fingerprints mean no request wrote anything, whatever the
 * table. `ignore` leaves out bookkeeping columns, e.g. `{ api_keys: ["last_used_at"] }`.
 */
export async function tableFingerprint(
  db: Db,
  ignore: Record<string, string[]> = {},
): Promise<Record<string, string>> {
  const tables = rowsOf(
    await db.execute(
      sql`select tablename from pg_tables where schemaname = 'public' order by tablename`,
    ),
  ).map((r) => String(r.tablename));
  // Names come from the catalog, quoted as identifiers; nothing of a request reaches this.
  const quote = (text: string, by: string) => by + text.replaceAll(by, by + by) + by;
  const digests = tables.map((t, i) => {
    const dropped = (ignore[t] ?? []).map((c) => ` - ${quote(c, "'")}`).join("");
    const row = `(to_jsonb(x)${dropped})::text`;
    return `(select count(*)::text || ':' || coalesce(md5(string_agg(${row}, '|' order by ${row})), '') from ${quote(t, '"')} x) as d${i}`;
  });
  // Every organization's rows by design: on Citus a query of every shard, which the test
  // databases refuse for the product's queries (citus.multi_task_query_log_level), allowed here.
  const [row] = await db.transaction(async (tx) => {
    await tx.execute(sql`set local citus.multi_task_query_log_level = 'off'`);
    return rowsOf(await tx.execute(sql.raw(`select ${digests.join(", ")}`)));
  });
  return Object.fromEntries(tables.map((t, i) => [t, String(row?.[`d${i}`] ?? "")]));
}

import { sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { rollupFigures } from "./rollups";

// Read-only views of what ingest wrote, for tests, the benchmark and support work.

/**
 * Every fact, rollup and audit row of an organization with its row version (xmin): equal
 * snapshots mean nothing was rewritten, not merely that the values came out the same.
 */
export async function ingestSnapshot(db: DbOrTx, orgId: string): Promise<string[]> {
  const rows = await db.select({ line: sql<string>`line` }).from(sql`(
      select 'lead ' || xmin::text || ' ' || row(l.*)::text as line from leads l where l.org_id = ${orgId}
      union all select 'deal ' || xmin::text || ' ' || row(d.*)::text from deals d where d.org_id = ${orgId}
      union all select 'touch ' || xmin::text || ' ' || row(t.*)::text from touchpoints t where t.org_id = ${orgId}
      union all select 'rollup ' || xmin::text || ' ' || row(r.*)::text from daily_rollups r where r.org_id = ${orgId}
      union all select 'audit ' || row(a.*)::text from audit_log a where a.org_id = ${orgId}
    ) as x`);
  return rows.map((r) => r.line).sort();
}

/** The stored rollup rows of an organization, by day, source and campaign. */
export function storedRollups(db: DbOrTx, orgId: string) {
  return db
    .select({
      day: sql<string>`day::text`,
      ...rollupFigures,
    })
    .from(sql`(select * from daily_rollups where org_id = ${orgId}) as x`)
    .orderBy(sql`day, source, campaign`);
}

export async function countFacts(
  db: DbOrTx,
  table: "leads" | "deals" | "touchpoints",
  orgId: string,
): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`n`.mapWith(Number) })
    .from(sql`(select count(*) as n from ${sql.identifier(table)} where org_id = ${orgId}) as x`);
  return rows[0]?.n ?? 0;
}

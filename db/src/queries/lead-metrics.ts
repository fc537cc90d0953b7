import { and, eq, gte, isNotNull, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { leads } from "../schema/index";

/**
 * Median hours from MQL to first sales contact, over the leads that became MQLs in [from, to).
 * Reads only that window's MQLs through their index; null when none was contacted.
 */
export async function medianSpeedToLeadHours(
  db: DbOrTx,
  orgId: string,
  from: Date,
  to: Date,
): Promise<number | null> {
  const rows = await db
    .select({
      median: sql<
        number | null
      >`percentile_cont(0.5) within group (order by extract(epoch from ${leads.firstContactAt} - ${leads.mqlAt}) / 3600.0)`.mapWith(
        (v) => (v === null ? null : Number(v)),
      ),
    })
    .from(leads)
    .where(
      and(
        eq(leads.orgId, orgId),
        gte(leads.mqlAt, from),
        lt(leads.mqlAt, to),
        isNotNull(leads.firstContactAt),
      ),
    );
  return rows[0]?.median ?? null;
}

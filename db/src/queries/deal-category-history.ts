import { asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { dealCategoryHistory } from "../schema/deal-categories";

/**
 * The category history agrees with the deals when every open deal with a category has it as
 * its latest history row (ingest writes that row in the deal's own statement, decision 043).
 * Counted by category: stored is the open deals whose latest row says it, expected the open
 * deals whose category says it.
 */
export interface CategoryHistoryDifference {
  table: "deal_category_history";
  key: { category: string };
  stored: { deals: number } | null;
  expected: { deals: number } | null;
}

export async function diffCategoryHistory(
  db: DbOrTx,
  orgId: string,
): Promise<CategoryHistoryDifference[]> {
  // Through the query builder, whose result shape is the same on both drivers.
  const rows = await db
    .select({
      category: sql<string>`category`,
      stored: sql<number>`stored`.mapWith(Number),
      expected: sql<number>`expected`.mapWith(Number),
    })
    .from(sql`(
      select c.category, count(*) filter (where c.latest) as stored,
             count(*) filter (where c.current) as expected
        from (
          select d.forecast_category as category, false as latest, true as current
            from deals d
           where d.org_id = ${orgId} and d.status = 'open' and d.forecast_category is not null
          union all
          select h.category, true, false
            from deals d
            join lateral (
              select category from deal_category_history h
               where h.org_id = ${orgId} and h.deal_external_id = d.external_id
               order by h.since_on desc limit 1) h on true
           where d.org_id = ${orgId} and d.status = 'open' and d.forecast_category is not null
        ) c
       group by c.category) as counted`);
  return rows
    .filter((row) => row.stored !== row.expected)
    .map((row) => ({
      table: "deal_category_history",
      key: { category: row.category },
      stored: row.stored > 0 ? { deals: row.stored } : null,
      expected: row.expected > 0 ? { deals: row.expected } : null,
    }));
}

/** An organization's category history, by deal and day, for tests and inspection. */
export async function storedCategoryHistory(db: DbOrTx, orgId: string) {
  return db
    .select({
      deal: dealCategoryHistory.dealExternalId,
      sinceOn: dealCategoryHistory.sinceOn,
      category: dealCategoryHistory.category,
    })
    .from(dealCategoryHistory)
    .where(eq(dealCategoryHistory.orgId, orgId))
    .orderBy(asc(dealCategoryHistory.dealExternalId), asc(dealCategoryHistory.sinceOn));
}

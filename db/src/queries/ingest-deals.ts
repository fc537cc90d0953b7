import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import {
  categoryDeltaCtes,
  categoryShrinkingKeys,
  removeEmptyCategoryRollups,
} from "./category-rollups";
import {
  forecastDeltaCtes,
  forecastShrinkingKeys,
  removeEmptyForecastRollups,
} from "./forecast-rollups";
import type { IngestCounts, ResolvedDealFact } from "./ingest";
import { removeEmptyRollups, rollupDeltaCtes, shrinkingKeys } from "./ingest-rollups";
import {
  columnNames,
  countsOf,
  type FactColumn,
  factRows,
  firstRow,
  mergedColumns,
  oldColumns,
  recordsetColumns,
  sameAsStored,
  textOf,
  updateFromExcluded,
} from "./ingest-sql";

const dealColumns: readonly FactColumn[] = [
  // A deal that names no lead takes the one a lead named it for (deal_lead_links, alias k).
  {
    field: "leadExternalId",
    column: "lead_external_id",
    type: "text",
    optional: true,
    fallback: "k.lead_external_id",
  },
  { field: "amount", column: "amount", type: "bigint", optional: true, fallback: "0" },
  { field: "stage", column: "stage", type: "text", optional: true },
  { field: "status", column: "status", type: "text" },
  { field: "createdAt", column: "created_at", type: "timestamptz" },
  { field: "closedAt", column: "closed_at", type: "timestamptz", optional: true },
  { field: "owner", column: "owner", type: "text", optional: true },
  { field: "forecastCategory", column: "forecast_category", type: "text", optional: true },
  { field: "expectedCloseAt", column: "expected_close_at", type: "timestamptz", optional: true },
];

/**
 * The batch merged with the stored deals (fields left out keep their value), each with the lead
 * it points at now (new_*) and the lead the stored version pointed at (old_*), whose source and
 * campaign decide where it counts.
 */
function compared(orgId: string, records: readonly ResolvedDealFact[]): SQL {
  return sql`
    input as materialized (
      select * from json_to_recordset(${factRows(records, dealColumns)}::json) as r(${recordsetColumns(dealColumns)})
    ),
    merged as materialized (
      select r.external_id, ${mergedColumns(dealColumns, "d")},
             d.external_id is not null as existed, ${oldColumns(dealColumns, "d")}
        from input r
        left join deals d on d.org_id = ${orgId} and d.external_id = r.external_id
        left join deal_lead_links k on k.org_id = ${orgId} and k.deal_external_id = r.external_id
    ),
    compared as materialized (
      select m.*, ${sameAsStored(dealColumns)} as same,
             ol.source as old_source, ol.campaign as old_campaign, ol.created_at as old_lead_created_at,
             nl.external_id is not null as lead_known, nl.source as new_source, nl.campaign as new_campaign,
             nl.created_at as new_lead_created_at
        from merged m
        left join leads nl on nl.org_id = ${orgId} and nl.external_id = m.lead_external_id
        left join leads ol on ol.org_id = ${orgId} and ol.external_id = m.old_lead_external_id
    )`;
}

const counts = sql`
  (select count(*) filter (where not existed) from compared)::int as inserted,
  (select count(*) filter (where existed and not same) from compared)::int as updated,
  (select count(*) filter (where same) from compared)::int as unchanged,
  (select count(*) filter (where lead_external_id is not null and not lead_known) from compared)::int as unknown_leads`;

/** What a batch would do, from the stored rows; nothing is written. */
export async function classifyDeals(
  db: DbOrTx,
  orgId: string,
  records: readonly ResolvedDealFact[],
): Promise<IngestCounts> {
  return countsOf(
    firstRow(await db.execute(sql`with ${compared(orgId, records)} select ${counts}`)),
  );
}

/**
 * Upserts a batch of deals and keeps the rollups in step, in one statement: each changed deal
 * takes back what its stored version contributed (under its stored lead's source) and adds what
 * the new version contributes (under its new lead's source, or "(none)" while that lead is
 * unknown), and the forecast's rollups the same way.
 */
export async function upsertDeals(
  tx: DbOrTx,
  orgId: string,
  timezone: string,
  records: readonly ResolvedDealFact[],
): Promise<IngestCounts> {
  const day = (column: string) => sql`(${sql.raw(column)} at time zone ${timezone})::date`;
  const row = firstRow(
    await tx.execute(sql`
      with ${compared(orgId, records)},
      changed as materialized (select * from compared where not same),
      written as (
        insert into deals (org_id, external_id, ${columnNames(dealColumns)}, updated_at)
        select ${orgId}, external_id, ${columnNames(dealColumns)}, clock_timestamp() -- after the ingest lock (facts.ts)
          from changed
        on conflict (org_id, external_id) do update set
          ${updateFromExcluded(dealColumns)},
          updated_at = excluded.updated_at
      ),
      -- The category history (decision 043): today's category of each changed open deal that
      -- has one other than its latest row's. Only on change, so a daily sync of unchanged
      -- deals writes nothing; a second change the same day replaces that day's row.
      category_today as materialized (select ${day("clock_timestamp()")} as on_day),
      category_written as materialized (
        select c.external_id, t.on_day, c.forecast_category as category
          from changed c cross join category_today t
         where c.status = 'open' and c.forecast_category is not null
           and c.forecast_category is distinct from (
             select h.category from deal_category_history h
              where h.org_id = ${orgId} and h.deal_external_id = c.external_id
              order by h.since_on desc limit 1)
      ),
      category_seen as (
        insert into deal_category_history (org_id, deal_external_id, since_on, category)
        select ${orgId}, external_id, on_day, category from category_written
        on conflict (org_id, deal_external_id, since_on) do update set category = excluded.category
      ),
      -- The category rollups (decision 061) of the changed deals whose history or days, status
      -- or amount change: the stored version with its stored rows out, the new one with the
      -- rows after this statement in. A deal without history has no row here.
      category_moved as materialized (
        select c.* from changed c
         where (c.old_status, c.old_amount, c.old_created_at, c.old_closed_at)
                 is distinct from (c.status, c.amount, c.created_at, c.closed_at)
            or exists (select 1 from category_written w where w.external_id = c.external_id)
      ),
      category_stored as materialized (
        select h.deal_external_id as external_id, h.since_on, h.category
          from category_moved c
          join deal_category_history h on h.org_id = ${orgId} and h.deal_external_id = c.external_id
      ),
      category_effects as (
        select -1 as sign, c.external_id as deal, c.old_status as status, c.old_amount as amount,
               ${day("c.old_created_at")} as created_day, ${day("c.old_closed_at")} as closed_day,
               s.since_on, s.category
          from category_moved c join category_stored s on s.external_id = c.external_id
         where c.existed
        union all
        select 1, c.external_id, c.status, c.amount, ${day("c.created_at")}, ${day("c.closed_at")},
               s.since_on, s.category
          from category_moved c
          join (
            select s.external_id, s.since_on, s.category from category_stored s
             where not exists (select 1 from category_written w
                                where w.external_id = s.external_id and w.on_day = s.since_on)
            union all
            select external_id, on_day, category from category_written
          ) s on s.external_id = c.external_id
      ),
      lead_effects as (
        select 0 as sign, null::date as created_day, null::date as mql_day, null::date as sql_day,
               null::text as source, null::text as campaign
         where false
      ),
      deal_effects as (
        select -1 as sign, old_status as status, old_amount as amount,
               ${day("old_created_at")} as created_day, ${day("old_closed_at")} as closed_day,
               coalesce(old_source, '(none)') as source, coalesce(old_campaign, '') as campaign,
               ${day("old_lead_created_at")} as lead_created_day
          from changed where existed
        union all
        select 1, status, amount, ${day("created_at")}, ${day("closed_at")},
               coalesce(new_source, '(none)'), coalesce(new_campaign, ''), ${day("new_lead_created_at")}
          from changed
      ),
      ${rollupDeltaCtes(orgId)},
      ${forecastDeltaCtes(orgId)},
      ${categoryDeltaCtes(orgId)}
      select ${counts}, ${shrinkingKeys} as shrinking, ${forecastShrinkingKeys} as forecast_shrinking,
             ${categoryShrinkingKeys} as category_shrinking`),
  );
  await removeEmptyRollups(tx, orgId, textOf(row, "shrinking"));
  await removeEmptyForecastRollups(tx, orgId, textOf(row, "forecast_shrinking"));
  await removeEmptyCategoryRollups(tx, orgId, textOf(row, "category_shrinking"));
  return countsOf(row);
}

import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import {
  forecastDeltaCtes,
  forecastShrinkingKeys,
  removeEmptyForecastRollups,
} from "./forecast-rollups";
import type { IngestCounts, LeadFact } from "./ingest";
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
import {
  removeEmptySpeedRollups,
  speedBucketSql,
  speedDeltaCtes,
  speedShrinkingKeys,
} from "./speed-rollups";

const leadColumns: readonly FactColumn[] = [
  { field: "createdAt", column: "created_at", type: "timestamptz" },
  { field: "source", column: "source", type: "text" },
  { field: "campaign", column: "campaign", type: "text", optional: true, fallback: "''" },
  { field: "mqlAt", column: "mql_at", type: "timestamptz", optional: true },
  { field: "sqlAt", column: "sql_at", type: "timestamptz", optional: true },
  { field: "firstContactAt", column: "first_contact_at", type: "timestamptz", optional: true },
  { field: "name", column: "name", type: "text", optional: true },
  { field: "email", column: "email", type: "text", optional: true },
  { field: "company", column: "company", type: "text", optional: true },
  { field: "owner", column: "owner", type: "text", optional: true },
  { field: "url", column: "url", type: "text", optional: true },
];

/**
 * The batch next to the stored rows it would replace, each record merged with its stored row
 * (fields it leaves out keep their value). `same` means the merged row equals the stored one:
 * such a lead is not written at all, so resending a batch rewrites nothing.
 */
function compared(orgId: string, records: readonly LeadFact[]): SQL {
  return sql`
    input as materialized (
      select * from json_to_recordset(${factRows(records, leadColumns)}::json) as r(${recordsetColumns(leadColumns)})
    ),
    merged as materialized (
      select r.external_id, ${mergedColumns(leadColumns, "l")},
             l.external_id is not null as existed, ${oldColumns(leadColumns, "l")}
        from input r
        left join leads l on l.org_id = ${orgId} and l.external_id = r.external_id
    ),
    compared as materialized (select m.*, ${sameAsStored(leadColumns)} as same from merged m)`;
}

const counts = sql`
  (select count(*) filter (where not existed) from compared)::int as inserted,
  (select count(*) filter (where existed and not same) from compared)::int as updated,
  (select count(*) filter (where same) from compared)::int as unchanged,
  0 as unknown_leads`;

/** What a batch would do, from the stored rows; nothing is written. */
export async function classifyLeads(
  db: DbOrTx,
  orgId: string,
  records: readonly LeadFact[],
): Promise<IngestCounts> {
  return countsOf(
    firstRow(await db.execute(sql`with ${compared(orgId, records)} select ${counts}`)),
  );
}

/**
 * Upserts a batch of leads and keeps the rollups in step, in one statement: PostgreSQL compares
 * the batch with the stored rows, writes the changed ones, and turns the difference into rollup
 * deltas with the same day arithmetic the rollup check uses. Each changed lead takes back its
 * stored flows and adds its new ones (its speed-to-lead bucket too); when its source, campaign
 * or creation changes, or it is new (its deals counted under "(none)" and in no lead cohort
 * until now), its counted deals move along.
 */
export async function upsertLeads(
  tx: DbOrTx,
  orgId: string,
  timezone: string,
  records: readonly LeadFact[],
): Promise<IngestCounts> {
  const day = (column: string) => sql`(${sql.raw(column)} at time zone ${timezone})::date`;
  const row = firstRow(
    await tx.execute(sql`
      with ${compared(orgId, records)},
      changed as materialized (select * from compared where not same),
      written as (
        insert into leads (org_id, external_id, ${columnNames(leadColumns)}, updated_at)
        select ${orgId}, external_id, ${columnNames(leadColumns)}, clock_timestamp() -- after the ingest lock (facts.ts)
          from changed
        on conflict (org_id, external_id) do update set
          ${updateFromExcluded(leadColumns)},
          updated_at = excluded.updated_at
      ),
      lead_effects as (
        select -1 as sign, ${day("old_created_at")} as created_day, ${day("old_mql_at")} as mql_day,
               ${day("old_sql_at")} as sql_day, old_source as source, old_campaign as campaign,
               ${speedBucketSql(sql`old_mql_at`, sql`old_first_contact_at`)} as speed_bucket
          from changed where existed
        union all
        select 1, ${day("created_at")}, ${day("mql_at")}, ${day("sql_at")}, source, campaign,
               ${speedBucketSql(sql`mql_at`, sql`first_contact_at`)}
          from changed
      ),
      moved as (
        select d.status, d.amount, ${day("d.created_at")} as created_day, ${day("d.closed_at")} as closed_day,
               coalesce(c.old_source, '(none)') as old_source, coalesce(c.old_campaign, '') as old_campaign,
               c.source, c.campaign,
               ${day("c.old_created_at")} as old_lead_created_day, ${day("c.created_at")} as lead_created_day
          from changed c
          join deals d on d.org_id = ${orgId} and d.lead_external_id = c.external_id
         where (not c.existed or (c.old_source, c.old_campaign) is distinct from (c.source, c.campaign)
                or c.old_created_at is distinct from c.created_at)
           and (d.status = 'open' or (d.status = 'won' and d.closed_at is not null))
      ),
      deal_effects as (
        select -1 as sign, status, amount, created_day, closed_day, old_source as source, old_campaign as campaign,
               old_lead_created_day as lead_created_day
          from moved
        union all
        select 1, status, amount, created_day, closed_day, source, campaign, lead_created_day from moved
      ),
      ${rollupDeltaCtes(orgId)},
      ${speedDeltaCtes(orgId)},
      ${forecastDeltaCtes(orgId)}
      select ${counts}, ${shrinkingKeys} as shrinking, ${speedShrinkingKeys} as speed_shrinking,
             ${forecastShrinkingKeys} as forecast_shrinking`),
  );
  await removeEmptyForecastRollups(tx, orgId, textOf(row, "forecast_shrinking"));
  await removeEmptyRollups(tx, orgId, textOf(row, "shrinking"));
  await removeEmptySpeedRollups(tx, orgId, textOf(row, "speed_shrinking"));
  return countsOf(row);
}

import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import type { DealFact, IngestCounts } from "./ingest";
import { removeEmptyRollups, rollupDeltaCtes, shrinkingKeys } from "./ingest-rollups";
import { countsOf, firstRow, jsonParam, textOf } from "./ingest-sql";

function dealsJson(records: readonly DealFact[]): string {
  return jsonParam(
    records.map((r) => ({
      external_id: r.externalId,
      lead_external_id: r.leadExternalId,
      amount: r.amount,
      status: r.status,
      created_at: r.createdAt,
      closed_at: r.closedAt,
      owner: r.owner,
    })),
  );
}

/**
 * The batch next to the stored deals, each with the lead it points at now (new_*) and the lead
 * the stored version pointed at (old_*), whose source and campaign decide where it counts.
 */
function compared(orgId: string, records: readonly DealFact[]): SQL {
  return sql`
    input as materialized (
      select * from json_to_recordset(${dealsJson(records)}::json) as r(
        external_id text, lead_external_id text, amount bigint, status text,
        created_at timestamptz, closed_at timestamptz, owner text)
    ),
    compared as materialized (
      select r.*,
             d.external_id is not null as existed,
             (d.lead_external_id, d.amount, d.status, d.created_at, d.closed_at, d.owner)
               is not distinct from (r.lead_external_id, r.amount, r.status, r.created_at, r.closed_at, r.owner) as same,
             d.status as old_status, d.amount as old_amount, d.created_at as old_created_at, d.closed_at as old_closed_at,
             ol.source as old_source, ol.campaign as old_campaign,
             nl.external_id is not null as lead_known, nl.source as new_source, nl.campaign as new_campaign
        from input r
        left join deals d on d.org_id = ${orgId} and d.external_id = r.external_id
        left join leads nl on nl.org_id = ${orgId} and nl.external_id = r.lead_external_id
        left join leads ol on ol.org_id = ${orgId} and ol.external_id = d.lead_external_id
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
  records: readonly DealFact[],
): Promise<IngestCounts> {
  return countsOf(
    firstRow(await db.execute(sql`with ${compared(orgId, records)} select ${counts}`)),
  );
}

/**
 * Upserts a batch of deals and keeps the rollups in step, in one statement: each changed deal
 * takes back what its stored version contributed (under its stored lead's source) and adds what
 * the new version contributes (under its new lead's source, or "(none)" while that lead is
 * unknown).
 */
export async function upsertDeals(
  tx: DbOrTx,
  orgId: string,
  timezone: string,
  records: readonly DealFact[],
): Promise<IngestCounts> {
  const day = (column: string) => sql`(${sql.raw(column)} at time zone ${timezone})::date`;
  const row = firstRow(
    await tx.execute(sql`
      with ${compared(orgId, records)},
      changed as materialized (select * from compared where not same),
      written as (
        insert into deals (org_id, external_id, lead_external_id, amount, status, created_at, closed_at, owner, updated_at)
        select ${orgId}, external_id, lead_external_id, amount, status, created_at, closed_at, owner, now()
          from changed
        on conflict (org_id, external_id) do update set
          lead_external_id = excluded.lead_external_id,
          amount = excluded.amount,
          status = excluded.status,
          created_at = excluded.created_at,
          closed_at = excluded.closed_at,
          owner = excluded.owner,
          updated_at = excluded.updated_at
      ),
      lead_effects as (
        select 0 as sign, null::date as created_day, null::date as mql_day, null::date as sql_day,
               null::text as source, null::text as campaign
         where false
      ),
      deal_effects as (
        select -1 as sign, old_status as status, old_amount as amount,
               ${day("old_created_at")} as created_day, ${day("old_closed_at")} as closed_day,
               coalesce(old_source, '(none)') as source, coalesce(old_campaign, '') as campaign
          from changed where existed
        union all
        select 1, status, amount, ${day("created_at")}, ${day("closed_at")},
               coalesce(new_source, '(none)'), coalesce(new_campaign, '')
          from changed
      ),
      ${rollupDeltaCtes(orgId)}
      select ${counts}, ${shrinkingKeys} as shrinking`),
  );
  await removeEmptyRollups(tx, orgId, textOf(row, "shrinking"));
  return countsOf(row);
}

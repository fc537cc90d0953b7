import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import type { IngestCounts, TouchpointFact } from "./ingest";
import { countsOf, firstRow, jsonParam } from "./ingest-sql";

function compared(orgId: string, records: readonly TouchpointFact[]): SQL {
  const json = jsonParam(
    records.map((r, i) => ({
      i,
      external_id: r.externalId,
      lead_external_id: r.leadExternalId,
      channel: r.channel,
      campaign: r.campaign,
      occurred_at: r.occurredAt,
    })),
  );
  return sql`
    input as materialized (
      select * from json_to_recordset(${json}::json) as r(
        i int, external_id text, lead_external_id text, channel text, campaign text, occurred_at timestamptz)
    ),
    compared as materialized (
      select r.*,
             t.external_id is not null as existed,
             (t.lead_external_id, t.channel, t.campaign, t.occurred_at)
               is not distinct from (r.lead_external_id, r.channel, r.campaign, r.occurred_at) as same,
             l.external_id is not null as lead_known
        from input r
        left join touchpoints t on t.org_id = ${orgId} and t.external_id = r.external_id
        left join leads l on l.org_id = ${orgId} and l.external_id = r.lead_external_id
    )`;
}

const counts = sql`
  (select count(*) filter (where not existed) from compared)::int as inserted,
  (select count(*) filter (where existed and not same) from compared)::int as updated,
  (select count(*) filter (where same) from compared)::int as unchanged,
  (select count(*) filter (where not lead_known) from compared)::int as unknown_leads`;

export async function classifyTouchpoints(
  db: DbOrTx,
  orgId: string,
  records: readonly TouchpointFact[],
): Promise<IngestCounts> {
  return countsOf(
    firstRow(await db.execute(sql`with ${compared(orgId, records)} select ${counts}`)),
  );
}

/**
 * Touchpoints feed attribution only, never the rollups. New touches are inserted in batch
 * order, so their `seq` (the tie-break between touches at the same instant) follows the order
 * they were sent; an update keeps the row's `seq`.
 */
export async function upsertTouchpoints(
  tx: DbOrTx,
  orgId: string,
  records: readonly TouchpointFact[],
): Promise<IngestCounts> {
  return countsOf(
    firstRow(
      await tx.execute(sql`
        with ${compared(orgId, records)},
        written as (
          insert into touchpoints (org_id, external_id, lead_external_id, channel, campaign, occurred_at, updated_at)
          select ${orgId}, external_id, lead_external_id, channel, campaign, occurred_at, now()
            from compared where not same
           order by i
          on conflict (org_id, external_id) do update set
            lead_external_id = excluded.lead_external_id,
            channel = excluded.channel,
            campaign = excluded.campaign,
            occurred_at = excluded.occurred_at,
            updated_at = excluded.updated_at
        )
        select ${counts}`),
    ),
  );
}

import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import type { IngestCounts, TouchpointFact } from "./ingest";
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
  updateFromExcluded,
} from "./ingest-sql";

const touchpointColumns: readonly FactColumn[] = [
  { field: "leadExternalId", column: "lead_external_id", type: "text" },
  { field: "channel", column: "channel", type: "text" },
  { field: "campaign", column: "campaign", type: "text", optional: true, fallback: "''" },
  { field: "occurredAt", column: "occurred_at", type: "timestamptz" },
];

function compared(orgId: string, records: readonly TouchpointFact[]): SQL {
  const rows = factRows(records, touchpointColumns, (i) => ({ i }));
  return sql`
    input as materialized (
      select * from json_to_recordset(${rows}::json) as r(${recordsetColumns(touchpointColumns, "i int")})
    ),
    merged as materialized (
      select r.i, r.external_id, ${mergedColumns(touchpointColumns, "t")},
             t.external_id is not null as existed, ${oldColumns(touchpointColumns, "t")}
        from input r
        left join touchpoints t on t.org_id = ${orgId} and t.external_id = r.external_id
    ),
    compared as materialized (
      select m.*, ${sameAsStored(touchpointColumns)} as same, l.external_id is not null as lead_known
        from merged m
        left join leads l on l.org_id = ${orgId} and l.external_id = m.lead_external_id
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
          insert into touchpoints (org_id, external_id, ${columnNames(touchpointColumns)}, updated_at)
          select ${orgId}, external_id, ${columnNames(touchpointColumns)}, clock_timestamp() -- after the ingest lock (facts.ts)
            from compared where not same
           order by i
          on conflict (org_id, external_id) do update set
            ${updateFromExcluded(touchpointColumns)},
            updated_at = excluded.updated_at
        )
        select ${counts}`),
    ),
  );
}

import { type SQL, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../client";
import { dealStatuses } from "../schema/index";
import { type Actor, writeAudit } from "./audit";
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
import type { IngestKind, LeadFact, ResolvedDealFact, TouchpointFact } from "./ingest";
import { upsertDeals } from "./ingest-deals";
import { upsertLeads } from "./ingest-leads";
import { removeEmptyRollups, rollupDeltaCtes, shrinkingKeys } from "./ingest-rollups";
import { firstRow, jsonParam, lockIngest, organizationSettings, textOf } from "./ingest-sql";
import { upsertTouchpoints } from "./ingest-touchpoints";
import {
  removeEmptySpeedRollups,
  speedBucketSql,
  speedDeltaCtes,
  speedShrinkingKeys,
} from "./speed-rollups";

export interface ArchiveCounts {
  archived: number;
  /** Ids not stored (never sent, or archived already): nothing to do for them. */
  unknown: number;
}

/** An instant as the query layer takes it back (ISO 8601 with its offset). */
const isoOf = (column: string) => `to_json(${column}) #>> '{}'`;

/** Each archived row as the record ingest would take to bring it back, every field given. */
const recordSql: Record<IngestKind, string> = {
  leads: `json_build_object('externalId', external_id, 'createdAt', ${isoOf("created_at")},
    'source', source, 'campaign', campaign, 'mqlAt', ${isoOf("mql_at")}, 'sqlAt', ${isoOf("sql_at")},
    'firstContactAt', ${isoOf("first_contact_at")}, 'name', name, 'email', email,
    'company', company, 'owner', owner, 'url', url)`,
  deals: `json_build_object('externalId', external_id, 'leadExternalId', lead_external_id,
    'amount', amount, 'stage', stage, 'status', status, 'createdAt', ${isoOf("created_at")},
    'closedAt', ${isoOf("closed_at")}, 'owner', owner, 'forecastCategory', forecast_category,
    'expectedCloseAt', ${isoOf("expected_close_at")})`,
  touchpoints: `json_build_object('externalId', external_id, 'leadExternalId', lead_external_id,
    'channel', channel, 'campaign', campaign, 'occurredAt', ${isoOf("occurred_at")})`,
};

const day = (timezone: string, column: string) =>
  sql`(${sql.raw(column)} at time zone ${timezone})::date`;

/** What the removed rows contributed, taken back: the CTEs the rollup helpers read. */
function effectsOf(kind: IngestKind, orgId: string, timezone: string): SQL {
  const noLeads = sql`lead_effects as (
      select 0 as sign, null::date as created_day, null::date as mql_day, null::date as sql_day,
             null::text as source, null::text as campaign, null::smallint as speed_bucket
       where false
    )`;
  if (kind === "deals") {
    return sql`${noLeads},
    deal_effects as (
      select -1 as sign, r.status, r.amount, ${day(timezone, "r.created_at")} as created_day,
             ${day(timezone, "r.closed_at")} as closed_day, coalesce(l.source, '(none)') as source,
             coalesce(l.campaign, '') as campaign, ${day(timezone, "l.created_at")} as lead_created_day
        from removed r
        left join leads l on l.org_id = ${orgId} and l.external_id = r.lead_external_id
    ),
    -- The category history the cascade takes with the deal, as this statement still sees it.
    category_effects as (
      select -1 as sign, r.external_id as deal, r.status, r.amount,
             ${day(timezone, "r.created_at")} as created_day, ${day(timezone, "r.closed_at")} as closed_day,
             h.since_on, h.category
        from removed r
        join deal_category_history h on h.org_id = ${orgId} and h.deal_external_id = r.external_id
    )`;
  }
  // A lead's own flows go, and its counted deals move back to "(none)", out of its cohort.
  return sql`
    lead_effects as (
      select -1 as sign, ${day(timezone, "created_at")} as created_day, ${day(timezone, "mql_at")} as mql_day,
             ${day(timezone, "sql_at")} as sql_day, source, campaign,
             ${speedBucketSql(sql`mql_at`, sql`first_contact_at`)} as speed_bucket
        from removed
    ),
    moved as (
      select d.status, d.amount, ${day(timezone, "d.created_at")} as created_day,
             ${day(timezone, "d.closed_at")} as closed_day, r.source, r.campaign,
             ${day(timezone, "r.created_at")} as lead_created_day
        from removed r
        join deals d on d.org_id = ${orgId} and d.lead_external_id = r.external_id
       where d.status = 'open' or (d.status = 'won' and d.closed_at is not null)
    ),
    deal_effects as (
      select -1 as sign, status, amount, created_day, closed_day, source, campaign, lead_created_day
        from moved
      union all
      select 1, status, amount, created_day, closed_day, '(none)', '', null::date from moved
    ),
    category_effects as (
      select 0 as sign, null::text as deal, null::text as status, 0::bigint as amount,
             null::date as created_day, null::date as closed_day, null::date as since_on,
             null::text as category
       where false
    )`;
}

/**
 * Archives facts deleted or merged away in the CRM, in one transaction under the ingest lock:
 * each row leaves its table for archived_facts (as a full record) and its rollups are taken
 * back by the same delta CTEs ingest uses, so the rollup check still agrees. A resend of the
 * id brings the record back (restoreArchived).
 */
export async function archiveFacts(
  db: Db,
  orgId: string,
  kind: IngestKind,
  externalIds: readonly string[],
  actor: Actor,
): Promise<ArchiveCounts> {
  const ids = [...new Set(externalIds)];
  return db.transaction(async (tx) => {
    await lockIngest(tx, orgId);
    const settings = await organizationSettings(tx, orgId);
    const timezone = settings?.timezone ?? "UTC";
    const table = sql.raw(kind);
    const removed = sql`removed as (
        delete from ${table}
         where org_id = ${orgId}
           and external_id in (select json_array_elements_text(${jsonParam(ids)}::json))
        returning *
      ),
      saved as (
        insert into archived_facts (org_id, kind, external_id, record, archived_at)
        select ${orgId}, ${kind}, external_id, ${sql.raw(recordSql[kind])}, now() from removed
        on conflict (org_id, kind, external_id) do update set
          record = excluded.record, archived_at = excluded.archived_at
      )`;
    if (kind === "touchpoints") {
      const row = firstRow(
        await tx.execute(
          sql`with ${removed} select (select count(*) from removed)::int as archived`,
        ),
      );
      return finish(tx, orgId, kind, ids.length, Number(row.archived ?? 0), actor);
    }
    const row = firstRow(
      await tx.execute(sql`
        with ${removed},
        ${effectsOf(kind, orgId, timezone)},
        ${rollupDeltaCtes(orgId)},
        ${speedDeltaCtes(orgId)},
        ${forecastDeltaCtes(orgId)},
        ${categoryDeltaCtes(orgId)}
        select (select count(*) from removed)::int as archived, ${shrinkingKeys} as shrinking,
               ${speedShrinkingKeys} as speed_shrinking, ${forecastShrinkingKeys} as forecast_shrinking,
               ${categoryShrinkingKeys} as category_shrinking`),
    );
    await removeEmptyRollups(tx, orgId, textOf(row, "shrinking"));
    await removeEmptySpeedRollups(tx, orgId, textOf(row, "speed_shrinking"));
    await removeEmptyForecastRollups(tx, orgId, textOf(row, "forecast_shrinking"));
    await removeEmptyCategoryRollups(tx, orgId, textOf(row, "category_shrinking"));
    return finish(tx, orgId, kind, ids.length, Number(row.archived ?? 0), actor);
  });
}

async function finish(
  tx: DbOrTx,
  orgId: string,
  kind: IngestKind,
  asked: number,
  archived: number,
  actor: Actor,
): Promise<ArchiveCounts> {
  if (archived > 0) {
    await writeAudit(tx, orgId, actor, {
      action: "archive",
      entity: kind,
      entityId: kind,
      after: { archived, via: "api" },
    });
  }
  return { archived, unknown: asked - archived };
}

/**
 * Brings back the archived records a batch resends, as they were, before the batch is applied:
 * fields the resend leaves out keep the values they had when archived. Returns how many.
 */
export async function restoreArchived(
  tx: DbOrTx,
  orgId: string,
  timezone: string,
  kind: IngestKind,
  externalIds: readonly string[],
): Promise<number> {
  const result = await tx.execute(sql`
    delete from archived_facts
     where org_id = ${orgId} and kind = ${kind}
       and external_id in (select json_array_elements_text(${jsonParam([...externalIds])}::json))
    returning record`);
  // postgres-js answers an array of rows, PGlite {rows}.
  const rows: unknown =
    typeof result === "object" && result !== null && "rows" in result ? result.rows : result;
  const records: unknown[] = (Array.isArray(rows) ? rows : []).flatMap((row: unknown) =>
    typeof row === "object" && row !== null && "record" in row ? [row.record] : [],
  );
  if (records.length === 0) return 0;
  if (kind === "leads") await upsertLeads(tx, orgId, timezone, records.filter(isLeadFact));
  else if (kind === "deals") await upsertDeals(tx, orgId, timezone, records.filter(isDealFact));
  else await upsertTouchpoints(tx, orgId, records.filter(isTouchpointFact));
  return records.length;
}

// Archived records are written by recordSql above; these checks read them back typed.
const hasText = (value: object, ...keys: string[]) =>
  keys.every((key) => typeof Reflect.get(value, key) === "string");

const isLeadFact = (value: unknown): value is LeadFact =>
  typeof value === "object" &&
  value !== null &&
  hasText(value, "externalId", "createdAt", "source");

const isDealFact = (value: unknown): value is ResolvedDealFact =>
  typeof value === "object" &&
  value !== null &&
  hasText(value, "externalId", "createdAt") &&
  dealStatuses.some((s) => s === Reflect.get(value, "status"));

const isTouchpointFact = (value: unknown): value is TouchpointFact =>
  typeof value === "object" &&
  value !== null &&
  hasText(value, "externalId", "leadExternalId", "channel", "occurredAt");

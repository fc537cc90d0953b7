import { eq, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { dealCloseRollups, dealLagRollups, leadLagRollups } from "../schema/index";
import { categoryRollupSpecs } from "./category-rollups";

/** The last lag week; it holds every later lag too (api/src/revenue/forecast-lag.ts). */
export const MAX_LAG_WEEK = 52;

const lagWeek = (from: SQL, to: SQL) =>
  sql`least(${MAX_LAG_WEEK}, greatest(0, (${to} - ${from}) / 7))::smallint`;
const isoWeek = (day: SQL) => sql`date_trunc('week', ${day})::date`;
/** Where a deal sits in deal_close_rollups, or nowhere (null) when closed without a day. */
const closedOn = (status: SQL, closedDay: SQL) =>
  sql`(case when ${status} = 'open' then 'infinity'::date else ${closedDay} end)`;

/**
 * The forecast half of an ingest statement, after a CTE
 *
 *   deal_effects (sign, status, amount, created_day, closed_day, lead_created_day)
 *
 * (days in the organization's timezone; lead_created_day null while the lead is unknown), as
 * rollupDeltaCtes reads it. Each table gets one multi-row upsert of its deltas; the keys that
 * went down are selected by `forecastShrinkingKeys` so emptied rows can be removed.
 */
export function forecastDeltaCtes(orgId: string): SQL {
  return sql`
    deal_close_deltas as (
      select created_day as created_on, ${closedOn(sql`status`, sql`closed_day`)} as closed_on,
             sum(sign)::int as deals, sum(sign * amount)::bigint as amount
        from deal_effects
       where status = 'open' or closed_day is not null
       group by 1, 2
      having sum(sign) <> 0 or sum(sign * amount) <> 0
    ),
    deal_close_applied as (
      insert into deal_close_rollups (org_id, created_on, closed_on, deals, amount)
      select ${orgId}, created_on, closed_on, deals, amount from deal_close_deltas order by 2, 3
      on conflict (org_id, created_on, closed_on) do update set
        deals = deal_close_rollups.deals + excluded.deals,
        amount = deal_close_rollups.amount + excluded.amount
    ),
    deal_lag_deltas as (
      select ${isoWeek(sql`created_day`)} as week, status as outcome,
             (case when status = 'open' then -1 else ${lagWeek(sql`created_day`, sql`closed_day`)} end)::smallint as close_week,
             sum(sign)::int as deals, sum(sign * amount)::bigint as amount
        from deal_effects
       where status = 'open' or closed_day is not null
       group by 1, 2, 3
      having sum(sign) <> 0 or sum(sign * amount) <> 0
    ),
    deal_lag_applied as (
      insert into deal_lag_rollups (org_id, week, outcome, close_week, deals, amount)
      select ${orgId}, week, outcome, close_week, deals, amount from deal_lag_deltas order by 2, 3, 4
      on conflict (org_id, week, outcome, close_week) do update set
        deals = deal_lag_rollups.deals + excluded.deals,
        amount = deal_lag_rollups.amount + excluded.amount
    ),
    lead_lag_deltas as (
      select ${isoWeek(sql`lead_created_day`)} as week,
             ${lagWeek(sql`lead_created_day`, sql`created_day`)} as deal_week,
             ${lagWeek(sql`lead_created_day`, sql`closed_day`)} as won_week,
             sum(sign)::int as wins, sum(sign * amount)::bigint as amount
        from deal_effects
       where status = 'won' and closed_day is not null and lead_created_day is not null
       group by 1, 2, 3
      having sum(sign) <> 0 or sum(sign * amount) <> 0
    ),
    lead_lag_applied as (
      insert into lead_lag_rollups (org_id, week, deal_week, won_week, wins, amount)
      select ${orgId}, week, deal_week, won_week, wins, amount from lead_lag_deltas order by 2, 3, 4
      on conflict (org_id, week, deal_week, won_week) do update set
        wins = lead_lag_rollups.wins + excluded.wins,
        amount = lead_lag_rollups.amount + excluded.amount
    )`;
}

/** The keys of forecast rollup rows that went down, as JSON text: they may now be empty. */
export const forecastShrinkingKeys = sql`json_build_object(
  'close', (select coalesce(json_agg(json_build_object('a', created_on, 'b', closed_on)), '[]')
              from deal_close_deltas where deals < 0 or amount < 0),
  'deal', (select coalesce(json_agg(json_build_object('a', week, 'b', outcome, 'c', close_week)), '[]')
             from deal_lag_deltas where deals < 0 or amount < 0),
  'lead', (select coalesce(json_agg(json_build_object('a', week, 'b', deal_week, 'c', won_week)), '[]')
             from lead_lag_deltas where wins < 0 or amount < 0)
)::text`;

/** Removes the forecast rollup rows a batch brought back to zero. */
export async function removeEmptyForecastRollups(
  tx: DbOrTx,
  orgId: string,
  keysJson: string,
): Promise<void> {
  const keys = JSON.parse(keysJson) as { close: unknown[]; deal: unknown[]; lead: unknown[] };
  if (keys.close.length > 0) {
    await tx.execute(sql`
      delete from deal_close_rollups r
       using json_to_recordset(${JSON.stringify(keys.close)}::json) as k(a date, b date)
       where r.org_id = ${orgId} and r.created_on = k.a and r.closed_on = k.b
         and r.deals = 0 and r.amount = 0`);
  }
  if (keys.deal.length > 0) {
    await tx.execute(sql`
      delete from deal_lag_rollups r
       using json_to_recordset(${JSON.stringify(keys.deal)}::json) as k(a date, b text, c smallint)
       where r.org_id = ${orgId} and r.week = k.a and r.outcome = k.b and r.close_week = k.c
         and r.deals = 0 and r.amount = 0`);
  }
  if (keys.lead.length > 0) {
    await tx.execute(sql`
      delete from lead_lag_rollups r
       using json_to_recordset(${JSON.stringify(keys.lead)}::json) as k(a date, b smallint, c smallint)
       where r.org_id = ${orgId} and r.week = k.a and r.deal_week = k.b and r.won_week = k.c
         and r.wins = 0 and r.amount = 0`);
  }
}

/** Every counted deal with its days, as the forecast rollups see it, computed from the facts. */
const dealDaysSql = (orgId: string) => sql`
  select (d.created_at at time zone o.timezone)::date as created_day,
         (d.closed_at at time zone o.timezone)::date as closed_day,
         (l.created_at at time zone o.timezone)::date as lead_created_day,
         d.status, d.amount
    from deals d
    join organization o on o.id = d.org_id
    left join leads l on l.org_id = d.org_id and l.external_id = d.lead_external_id
   where d.org_id = ${orgId} and (d.status = 'open' or d.closed_at is not null)`;

type Spec = {
  table:
    | "deal_close_rollups"
    | "deal_lag_rollups"
    | "lead_lag_rollups"
    | (typeof categoryRollupSpecs)[number]["table"];
  keys: readonly string[];
  counters: readonly string[];
  expected: (orgId: string) => SQL;
};

const specs: readonly Spec[] = [
  {
    table: "deal_close_rollups",
    keys: ["created_on", "closed_on"],
    counters: ["deals", "amount"],
    expected: (orgId) => sql`
      select created_day as created_on, ${closedOn(sql`status`, sql`closed_day`)} as closed_on,
             count(*)::int as deals, sum(amount)::bigint as amount
        from (${dealDaysSql(orgId)}) d group by 1, 2`,
  },
  {
    table: "deal_lag_rollups",
    keys: ["week", "outcome", "close_week"],
    counters: ["deals", "amount"],
    expected: (orgId) => sql`
      select ${isoWeek(sql`created_day`)} as week, status as outcome,
             (case when status = 'open' then -1 else ${lagWeek(sql`created_day`, sql`closed_day`)} end)::smallint as close_week,
             count(*)::int as deals, sum(amount)::bigint as amount
        from (${dealDaysSql(orgId)}) d group by 1, 2, 3`,
  },
  {
    table: "lead_lag_rollups",
    keys: ["week", "deal_week", "won_week"],
    counters: ["wins", "amount"],
    expected: (orgId) => sql`
      select ${isoWeek(sql`lead_created_day`)} as week,
             ${lagWeek(sql`lead_created_day`, sql`created_day`)} as deal_week,
             ${lagWeek(sql`lead_created_day`, sql`closed_day`)} as won_week,
             count(*)::int as wins, sum(amount)::bigint as amount
        from (${dealDaysSql(orgId)}) d
       where status = 'won' and lead_created_day is not null
       group by 1, 2, 3`,
  },
  // The landmark tables by forecast category and the deals by category span (decision 061).
  ...categoryRollupSpecs,
];

/**
 * Replaces the organization's forecast rollups (the category ones too) by the ones computed
 * from its facts.
 */
export async function rebuildForecastRollups(tx: DbOrTx, orgId: string): Promise<void> {
  for (const spec of specs) {
    const columns = sql.raw([...spec.keys, ...spec.counters].join(", "));
    await tx.execute(sql`delete from ${sql.identifier(spec.table)} where org_id = ${orgId}`);
    await tx.execute(sql`
      insert into ${sql.identifier(spec.table)} (org_id, ${columns})
      select ${orgId}, ${columns} from (${spec.expected(orgId)}) expected`);
  }
}

export interface ForecastRollupDifference {
  table: Spec["table"];
  key: Record<string, string>;
  stored: Record<string, number> | null;
  expected: Record<string, number> | null;
}

type Row = { key: Record<string, string>; counts: Record<string, number> };

async function readRows(db: DbOrTx, spec: Spec, from: SQL): Promise<Map<string, Row>> {
  const selection: Record<string, SQL.Aliased | SQL> = {};
  for (const k of spec.keys) selection[k] = sql<string>`${sql.identifier(k)}::text`;
  for (const c of spec.counters) selection[c] = sql<number>`${sql.identifier(c)}`.mapWith(Number);
  // Through the query builder, whose result shape is the same on both drivers.
  const rows = await db.select(selection as Record<string, SQL>).from(from);
  const byKey = new Map<string, Row>();
  for (const row of rows) {
    const key = Object.fromEntries(spec.keys.map((k) => [k, String(row[k])]));
    const counts = Object.fromEntries(spec.counters.map((c) => [c, Number(row[c])]));
    if (Object.values(counts).every((n) => n === 0)) continue;
    byKey.set(spec.keys.map((k) => key[k]).join("\u0000"), { key, counts });
  }
  return byKey;
}

/** Compares the stored forecast rollups with the facts; empty means they agree. */
export async function diffForecastRollups(
  db: DbOrTx,
  orgId: string,
): Promise<ForecastRollupDifference[]> {
  const differences: ForecastRollupDifference[] = [];
  for (const spec of specs) {
    const expected = await readRows(db, spec, sql`(${spec.expected(orgId)}) as expected`);
    const stored = await readRows(
      db,
      spec,
      sql`(select * from ${sql.identifier(spec.table)} where org_id = ${orgId}) as stored`,
    );
    for (const [k, row] of stored) {
      const want = expected.get(k);
      expected.delete(k);
      const same = want && spec.counters.every((c) => want.counts[c] === row.counts[c]);
      if (!same) {
        differences.push({
          table: spec.table,
          key: row.key,
          stored: row.counts,
          expected: want?.counts ?? null,
        });
      }
    }
    for (const row of expected.values()) {
      differences.push({ table: spec.table, key: row.key, stored: null, expected: row.counts });
    }
  }
  return differences;
}

/** The stored forecast rollups of an organization, for tests and inspection. */
export async function storedForecastRollups(db: DbOrTx, orgId: string) {
  const strip = <T extends { orgId: string }>(list: T[]) =>
    list.map(({ orgId: _, ...rest }) => rest);
  return {
    close: strip(await db.select().from(dealCloseRollups).where(eq(dealCloseRollups.orgId, orgId))),
    deal: strip(await db.select().from(dealLagRollups).where(eq(dealLagRollups.orgId, orgId))),
    lead: strip(await db.select().from(leadLagRollups).where(eq(leadLagRollups.orgId, orgId))),
  };
}

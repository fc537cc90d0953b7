import { asc, eq, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { dealCategoryLagRollups, dealCategoryOpenRollups } from "../schema/deal-categories";

/**
 * The category rollups (decision 061, schema/deal-categories.ts): the landmark life table by
 * forecast category (`deal_category_lag_rollups`) and the deals by category span
 * (`deal_category_open_rollups`). Like the forecast rollups, kept in the ingest statement from
 * a CTE
 *
 *   category_effects (sign, deal, status, amount, created_day, closed_day, since_on, category)
 *
 * with one row per version of a changed deal (-1 its stored version with its stored history,
 * +1 its new version with the history after the statement) and category history row; a deal
 * without history has no row and costs nothing.
 */

/** The last lag week learned (forecast-lag.ts: week 52 holds every later lag, unlearned). */
const LAST_LEARNED_WEEK = 51;

const lagWeek = (from: SQL, to: SQL) => sql`least(52, greatest(0, (${to} - ${from}) / 7))`;

/**
 * From category_effects: each span (since_on until the version's next row), and per deal
 * version, category and lag week w the landmarks k <= w it had in that category
 * (category_weeks). A span covers the landmarks created + 7k in [since_on, until_on); a deal is
 * at risk from each landmark to its close (lag week 51 while open, the last one learned).
 */
export function categoryCellCtes(): SQL {
  return sql`
    category_spans as materialized (
      select sign, deal, status, amount, created_day, closed_day, category, since_on,
             coalesce(lead(since_on) over (partition by sign, deal order by since_on), 'infinity'::date) as until_on,
             (case when status = 'open' then 'infinity'::date else closed_day end) as closed_on
        from category_effects
       where status = 'open' or closed_day is not null
    ),
    category_segments as (
      select sign, deal, status, amount, category, week, close_week, last_week,
             greatest(0, (since_on - created_day + 6) / 7) as k_lo,
             least(last_week, case when until_on = 'infinity'::date then last_week
                                   else (until_on - 1 - created_day) / 7 end) as k_hi
        from (
          select s.*, date_trunc('week', created_day)::date as week,
                 (case when status = 'open' then -1 else ${lagWeek(sql`created_day`, sql`closed_day`)} end) as close_week,
                 (case when status = 'open' then ${LAST_LEARNED_WEEK}
                       else least(${LAST_LEARNED_WEEK}, ${lagWeek(sql`created_day`, sql`closed_day`)}) end) as last_week
            from category_spans s
           where until_on > created_day
        ) s
    ),
    category_weeks as (
      select s.sign, s.deal, s.status, s.amount, s.category, s.week, s.close_week, w.lag_week,
             sum(least(w.lag_week, s.k_hi) - s.k_lo + 1)::int as landmarks
        -- A join to the 52 lag weeks, not generate_series per row: its row estimate (1,000 a
        -- call) made PostgreSQL JIT-compile every ingest statement, even an unchanged resend.
        from category_segments s
        join (select generate_series(0, ${LAST_LEARNED_WEEK}) as lag_week) w
          on w.lag_week between s.k_lo and s.last_week
       where s.k_lo <= s.k_hi
       group by 1, 2, 3, 4, 5, 6, 7, 8
    )`;
}

/** The cells of category_weeks, summed by (week, category, lag week); rows may be zero. */
const lagCellsSelect = sql`
  select week, category, lag_week::smallint as lag_week,
         sum(sign * amount * landmarks)::bigint as at_risk,
         sum(case when lag_week = close_week and status = 'won' then sign * amount * landmarks else 0 end)::bigint as won,
         sum(case when lag_week = close_week and status = 'lost' then sign * amount * landmarks else 0 end)::bigint as lost,
         sum(case when lag_week = close_week and status = 'won' then sign else 0 end)::int as won_deals
    from category_weeks
   group by 1, 2, 3`;

/** The spans of category_spans that can hold a deal open at the end of a day, summed. */
const openSpansSelect = sql`
  select created_day as created_on, closed_on, category, since_on, until_on,
         sum(sign)::int as deals, sum(sign * amount)::bigint as amount
    from category_spans
   where since_on < closed_on and until_on > created_day
   group by 1, 2, 3, 4, 5`;

/**
 * The category half of an ingest statement, after category_effects: one multi-row upsert of
 * deltas per table; `categoryShrinkingKeys` selects the keys that went down.
 */
export function categoryDeltaCtes(orgId: string): SQL {
  return sql`
    ${categoryCellCtes()},
    category_lag_deltas as (
      select * from (${lagCellsSelect}) c
       where at_risk <> 0 or won <> 0 or lost <> 0 or won_deals <> 0
    ),
    category_lag_applied as (
      insert into deal_category_lag_rollups (org_id, week, category, lag_week, at_risk, won, lost, won_deals)
      select ${orgId}, week, category, lag_week, at_risk, won, lost, won_deals
        from category_lag_deltas order by 2, 3, 4
      on conflict (org_id, week, category, lag_week) do update set
        at_risk = deal_category_lag_rollups.at_risk + excluded.at_risk,
        won = deal_category_lag_rollups.won + excluded.won,
        lost = deal_category_lag_rollups.lost + excluded.lost,
        won_deals = deal_category_lag_rollups.won_deals + excluded.won_deals
    ),
    category_open_deltas as (
      select * from (${openSpansSelect}) c where deals <> 0 or amount <> 0
    ),
    category_open_applied as (
      insert into deal_category_open_rollups (org_id, created_on, closed_on, category, since_on, until_on, deals, amount)
      select ${orgId}, created_on, closed_on, category, since_on, until_on, deals, amount
        from category_open_deltas order by 2, 3, 4, 5, 6
      on conflict (org_id, created_on, closed_on, category, since_on, until_on) do update set
        deals = deal_category_open_rollups.deals + excluded.deals,
        amount = deal_category_open_rollups.amount + excluded.amount
    )`;
}

/** The keys of category rollup rows that went down, as JSON text: they may now be empty. */
export const categoryShrinkingKeys = sql`json_build_object(
  'lag', (select coalesce(json_agg(json_build_object('a', week, 'b', category, 'c', lag_week)), '[]')
            from category_lag_deltas where at_risk < 0 or won < 0 or lost < 0 or won_deals < 0),
  'open', (select coalesce(json_agg(json_build_object('a', created_on, 'b', closed_on, 'c', category, 'd', since_on, 'e', until_on)), '[]')
             from category_open_deltas where deals < 0 or amount < 0)
)::text`;

/** Removes the category rollup rows a batch brought back to zero. */
export async function removeEmptyCategoryRollups(
  tx: DbOrTx,
  orgId: string,
  keysJson: string,
): Promise<void> {
  const keys = JSON.parse(keysJson) as { lag: unknown[]; open: unknown[] };
  if (keys.lag.length > 0) {
    await tx.execute(sql`
      delete from deal_category_lag_rollups r
       using json_to_recordset(${JSON.stringify(keys.lag)}::json) as k(a date, b text, c smallint)
       where r.org_id = ${orgId} and r.week = k.a and r.category = k.b and r.lag_week = k.c
         and r.at_risk = 0 and r.won = 0 and r.lost = 0 and r.won_deals = 0`);
  }
  if (keys.open.length > 0) {
    await tx.execute(sql`
      delete from deal_category_open_rollups r
       using json_to_recordset(${JSON.stringify(keys.open)}::json) as k(a date, b date, c text, d date, e date)
       where r.org_id = ${orgId} and r.created_on = k.a and r.closed_on = k.b and r.category = k.c
         and r.since_on = k.d and r.until_on = k.e and r.deals = 0 and r.amount = 0`);
  }
}

/** Every deal's category history as category_effects, computed from the facts. */
const factEffects = (orgId: string) => sql`
  category_effects as (
    select 1 as sign, d.external_id as deal, d.status, d.amount,
           (d.created_at at time zone o.timezone)::date as created_day,
           (d.closed_at at time zone o.timezone)::date as closed_day, h.since_on, h.category
      from deals d
      join organization o on o.id = d.org_id
      join deal_category_history h on h.org_id = d.org_id and h.deal_external_id = d.external_id
     where d.org_id = ${orgId}
  )`;

/** What the category rollups should hold, computed from the deals and their history. */
export const categoryRollupSpecs = [
  {
    table: "deal_category_lag_rollups",
    keys: ["week", "category", "lag_week"],
    counters: ["at_risk", "won", "lost", "won_deals"],
    expected: (orgId: string) =>
      sql`with ${factEffects(orgId)}, ${categoryCellCtes()} ${lagCellsSelect}`,
  },
  {
    table: "deal_category_open_rollups",
    keys: ["created_on", "closed_on", "category", "since_on", "until_on"],
    counters: ["deals", "amount"],
    expected: (orgId: string) =>
      sql`with ${factEffects(orgId)}, ${categoryCellCtes()} ${openSpansSelect}`,
  },
] as const;

/** The stored category rollups of an organization, ordered, for tests and inspection. */
export async function storedCategoryRollups(db: DbOrTx, orgId: string) {
  const lag = await db
    .select({
      week: dealCategoryLagRollups.week,
      category: dealCategoryLagRollups.category,
      lagWeek: dealCategoryLagRollups.lagWeek,
      atRisk: dealCategoryLagRollups.atRisk,
      won: dealCategoryLagRollups.won,
      lost: dealCategoryLagRollups.lost,
      wonDeals: dealCategoryLagRollups.wonDeals,
    })
    .from(dealCategoryLagRollups)
    .where(eq(dealCategoryLagRollups.orgId, orgId))
    .orderBy(
      asc(dealCategoryLagRollups.category),
      asc(dealCategoryLagRollups.week),
      asc(dealCategoryLagRollups.lagWeek),
    );
  const open = await db
    .select({
      createdOn: dealCategoryOpenRollups.createdOn,
      closedOn: dealCategoryOpenRollups.closedOn,
      category: dealCategoryOpenRollups.category,
      sinceOn: dealCategoryOpenRollups.sinceOn,
      untilOn: dealCategoryOpenRollups.untilOn,
      deals: dealCategoryOpenRollups.deals,
      amount: dealCategoryOpenRollups.amount,
    })
    .from(dealCategoryOpenRollups)
    .where(eq(dealCategoryOpenRollups.orgId, orgId))
    .orderBy(asc(dealCategoryOpenRollups.createdOn), asc(dealCategoryOpenRollups.sinceOn));
  return { lag, open };
}

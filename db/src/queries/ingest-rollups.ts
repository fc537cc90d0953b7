import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";

/**
 * The rollup half of an ingest statement. The statement before it defines two CTEs with the
 * organization's days already computed:
 *
 *   lead_effects (sign, created_day, mql_day, sql_day, source, campaign)
 *   deal_effects (sign, status, amount, created_day, closed_day, source, campaign)
 *
 * where sign is -1 for what a fact's stored version contributed and +1 for its new version.
 * The flows mirror `expectedRollupsSql` in rollups.ts (leads on their created day, MQLs and
 * SQLs on theirs, wins and won amount on the close day of won deals, open pipeline on the
 * created day of open deals), which `diffRollups` checks them against. Summed per day, source
 * and campaign they become one multi-row upsert adding the deltas to daily_rollups.
 */
export function rollupDeltaCtes(orgId: string): SQL {
  // The flows' columns are named in the first branch, not in a list after the CTE's name:
  // Citus plans each CTE on its own and loses such a list ("column day does not exist").
  return sql`
    flows as (
      select created_day as day, source, campaign, sign as leads, 0 as mqls, 0 as sqls, 0 as wins,
             0::bigint as won_amount, 0 as open_deals, 0::bigint as open_amount from lead_effects
      union all
      select mql_day, source, campaign, 0, sign, 0, 0, 0, 0, 0 from lead_effects where mql_day is not null
      union all
      select sql_day, source, campaign, 0, 0, sign, 0, 0, 0, 0 from lead_effects where sql_day is not null
      union all
      select closed_day, source, campaign, 0, 0, 0, sign, sign * amount, 0, 0
        from deal_effects where status = 'won' and closed_day is not null
      union all
      select created_day, source, campaign, 0, 0, 0, 0, 0, sign, sign * amount
        from deal_effects where status = 'open'
    ),
    deltas as (
      select day, source, campaign,
             sum(leads)::int as leads, sum(mqls)::int as mqls, sum(sqls)::int as sqls,
             sum(wins)::int as wins, sum(won_amount)::bigint as won_amount,
             sum(open_deals)::int as open_deals, sum(open_amount)::bigint as open_amount
        from flows
       group by day, source, campaign
      having sum(leads) <> 0 or sum(mqls) <> 0 or sum(sqls) <> 0 or sum(wins) <> 0
          or sum(won_amount) <> 0 or sum(open_deals) <> 0 or sum(open_amount) <> 0
    ),
    applied as (
      insert into daily_rollups (org_id, day, source, campaign, leads, mqls, sqls, wins, won_amount, open_deals, open_amount)
      select ${orgId}, day, source, campaign, leads, mqls, sqls, wins, won_amount, open_deals, open_amount
        from deltas
       order by day, source, campaign
      on conflict (org_id, day, source, campaign) do update set
        leads = daily_rollups.leads + excluded.leads,
        mqls = daily_rollups.mqls + excluded.mqls,
        sqls = daily_rollups.sqls + excluded.sqls,
        wins = daily_rollups.wins + excluded.wins,
        won_amount = daily_rollups.won_amount + excluded.won_amount,
        open_deals = daily_rollups.open_deals + excluded.open_deals,
        open_amount = daily_rollups.open_amount + excluded.open_amount
    )`;
}

/** The keys of rollup rows that went down (as JSON text): they may now be all zeros. */
export const shrinkingKeys = sql`(
  select coalesce(json_agg(json_build_object('day', day, 'source', source, 'campaign', campaign)), '[]')::text
    from deltas
   where leads < 0 or mqls < 0 or sqls < 0 or wins < 0 or won_amount < 0 or open_deals < 0 or open_amount < 0
)`;

/**
 * Removes rollup rows a batch brought back to all zeros, so moving facts around leaves no
 * empty rows. A statement of its own: an upsert cannot see its own result.
 */
export async function removeEmptyRollups(
  tx: DbOrTx,
  orgId: string,
  keysJson: string,
): Promise<void> {
  if (keysJson === "[]") return;
  await tx.execute(sql`
    delete from daily_rollups d
     using json_to_recordset(${keysJson}::json) as k(day date, source text, campaign text)
     where d.org_id = ${orgId} and d.day = k.day and d.source = k.source and d.campaign = k.campaign
       and d.leads = 0 and d.mqls = 0 and d.sqls = 0 and d.wins = 0 and d.won_amount = 0
       and d.open_deals = 0 and d.open_amount = 0`);
}

import { sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import {
  dailyRollups,
  dealCategoryLagRollups,
  dealCategoryOpenRollups,
  dealCloseRollups,
  dealLagRollups,
  leadLagRollups,
} from "../schema/index";

/**
 * Open deals older than this bring the forecast nothing (the learned lags end at 52 weeks), so
 * they are read as one group: the read stays bounded by days, not by the years of history.
 */
const OPEN_DEAL_DAYS = 371;
/** Leads older than this bring nothing more (api/src/revenue/forecast.ts LEAD_LOOKBACK_DAYS). */
const LEAD_DAYS = 364;

export interface ForecastWindow {
  /** The goal's period. */
  startsOn: string;
  endsOn: string;
  /** The forecast's day: nothing dated after it is read. */
  asOf: string;
  /** The first day of the history the chances are learned from (the earlier periods). */
  historyFrom: string;
  /** The Monday of historyFrom's ISO week: the first cohort read. */
  cohortsFrom: string;
}

const days = (day: string, n: number) => sql`(${day}::date + ${n}::int)`;

/**
 * What the forecast reads, from rollups only, each by date so that a past asOf reads exactly
 * what was known then (docs/decisions/022-forecast-rollups-by-date.md). The shapes are
 * api/src/revenue/forecast.ts's ForecastInput; api/src/revenue/forecast-facts.ts computes the
 * same from facts, which the forecast's tests compare. Two reads: what the period holds as of
 * asOf (for each goal), and the history the chances are learned from (kept per organization
 * and day by the caller, api/src/lib/live/read-caches.ts).
 */
export async function forecastPeriodFacts(
  db: DbOrTx,
  orgId: string,
  w: Pick<ForecastWindow, "startsOn" | "endsOn" | "asOf">,
) {
  const { asOf } = w;
  // biome-ignore lint/complexity/useMathMinMax: ISO dates are strings, compared as text.
  const periodTo = asOf < w.endsOn ? asOf : w.endsOn;
  const r = dailyRollups;

  const c = dealCategoryOpenRollups;
  const [period, open, openByCategory, leadDays] = await Promise.all([
    db
      .select({
        booked: sql<number>`coalesce(sum(${r.wonAmount}), 0)`.mapWith(Number),
        leads: sql<number>`coalesce(sum(${r.leads}), 0)`.mapWith(Number),
        sqls: sql<number>`coalesce(sum(${r.sqls}), 0)`.mapWith(Number),
      })
      .from(r)
      .where(sql`${r.orgId} = ${orgId} and ${r.day} between ${w.startsOn} and ${periodTo}`),
    db
      .select({
        createdOn: sql<string>`greatest(${dealCloseRollups.createdOn}, ${days(asOf, -OPEN_DEAL_DAYS)})::text`,
        deals: sql<number>`sum(${dealCloseRollups.deals})`.mapWith(Number),
        amount: sql<number>`sum(${dealCloseRollups.amount})`.mapWith(Number),
      })
      .from(dealCloseRollups)
      .where(
        sql`${dealCloseRollups.orgId} = ${orgId} and ${dealCloseRollups.closedOn} > ${asOf}
            and ${dealCloseRollups.createdOn} <= ${asOf}`,
      )
      .groupBy(sql`1`)
      .orderBy(sql`1`),
    // The same deals by the category row in force at asOf (decision 061).
    db
      .select({
        createdOn: sql<string>`greatest(${c.createdOn}, ${days(asOf, -OPEN_DEAL_DAYS)})::text`,
        category: c.category,
        deals: sql<number>`sum(${c.deals})`.mapWith(Number),
        amount: sql<number>`sum(${c.amount})`.mapWith(Number),
      })
      .from(c)
      .where(
        sql`${c.orgId} = ${orgId} and ${c.closedOn} > ${asOf} and ${c.createdOn} <= ${asOf}
            and ${c.untilOn} > ${asOf} and ${c.sinceOn} <= ${asOf}`,
      )
      .groupBy(sql`1`, c.category)
      .orderBy(sql`1`, c.category),
    db
      .select({
        createdOn: r.day,
        source: r.source,
        leads: sql<number>`sum(${r.leads})`.mapWith(Number),
      })
      .from(r)
      .where(
        sql`${r.orgId} = ${orgId} and ${r.day} > ${days(asOf, -LEAD_DAYS)} and ${r.day} <= ${asOf} and ${r.leads} <> 0`,
      )
      .groupBy(r.day, r.source)
      .orderBy(r.day, r.source),
  ]);
  const totals = period[0] ?? { booked: 0, leads: 0, sqls: 0 };
  return {
    booked: totals.booked,
    periodFlows: { leads: totals.leads, sqls: totals.sqls },
    openDeals: open.filter((g) => g.deals !== 0),
    openDealsByCategory: openByCategory.filter((g) => g.deals !== 0),
    leadsByDay: leadDays,
  };
}

/** The history cells the chances are learned from: life tables by cohort, sources' worth. */
export async function forecastHistoryCells(
  db: DbOrTx,
  orgId: string,
  w: Pick<ForecastWindow, "startsOn" | "asOf" | "historyFrom" | "cohortsFrom">,
) {
  const { asOf } = w;
  const dayBeforeStart = sql`(${w.startsOn}::date - 1)`;
  const historyTo = sql`least(${asOf}::date, ${dayBeforeStart})`;
  const r = dailyRollups;

  const k = dealCategoryLagRollups;
  const [dealLag, categoryLag, cohorts, leadLag, sources] = await Promise.all([
    db
      .select({
        week: dealLagRollups.week,
        outcome: dealLagRollups.outcome,
        closeWeek: dealLagRollups.closeWeek,
        deals: dealLagRollups.deals,
        amount: dealLagRollups.amount,
      })
      .from(dealLagRollups)
      .where(
        sql`${dealLagRollups.orgId} = ${orgId} and ${dealLagRollups.week} between ${w.cohortsFrom} and ${asOf}`,
      )
      .orderBy(dealLagRollups.week, dealLagRollups.outcome, dealLagRollups.closeWeek),
    // The landmark tables by category, only the lag weeks complete by asOf (decision 061).
    db
      .select({
        week: k.week,
        category: k.category,
        lagWeek: k.lagWeek,
        atRisk: k.atRisk,
        won: k.won,
        lost: k.lost,
        wonDeals: k.wonDeals,
      })
      .from(k)
      .where(
        sql`${k.orgId} = ${orgId} and ${k.week} between ${w.cohortsFrom} and ${asOf}
            and ${k.lagWeek} * 7 + 12 <= ${asOf}::date - ${k.week}`,
      )
      .orderBy(k.week, k.category, k.lagWeek),
    db
      .select({
        week: sql<string>`date_trunc('week', ${r.day})::date::text`,
        leads: sql<number>`sum(${r.leads})`.mapWith(Number),
      })
      .from(r)
      .where(sql`${r.orgId} = ${orgId} and ${r.day} between ${w.cohortsFrom} and ${asOf}`)
      .groupBy(sql`1`)
      .orderBy(sql`1`),
    db
      .select({
        week: leadLagRollups.week,
        dealWeek: leadLagRollups.dealWeek,
        wonWeek: leadLagRollups.wonWeek,
        wins: leadLagRollups.wins,
        amount: leadLagRollups.amount,
      })
      .from(leadLagRollups)
      .where(
        sql`${leadLagRollups.orgId} = ${orgId} and ${leadLagRollups.week} between ${w.cohortsFrom} and ${asOf}`,
      )
      .orderBy(leadLagRollups.week, leadLagRollups.dealWeek, leadLagRollups.wonWeek),
    db
      .select({
        source: r.source,
        leads: sql<number>`sum(${r.leads})`.mapWith(Number),
        revenue: sql<number>`sum(${r.wonAmount})`.mapWith(Number),
      })
      .from(r)
      .where(sql`${r.orgId} = ${orgId} and ${r.day} between ${w.historyFrom} and ${historyTo}`)
      .groupBy(r.source)
      .orderBy(r.source),
  ]);
  // Ordered, so that the model adds the same numbers in the same order for the same facts.
  return {
    dealLag: dealLag.filter((c) => c.deals !== 0 || c.amount !== 0),
    categoryLag: categoryLag.filter(
      (c) => c.atRisk !== 0 || c.won !== 0 || c.lost !== 0 || c.wonDeals !== 0,
    ),
    leadCohorts: cohorts.filter((c) => c.leads !== 0),
    leadLag: leadLag.filter((c) => c.wins !== 0 || c.amount !== 0),
    sourceFlows: sources.filter((s) => s.leads !== 0 || s.revenue !== 0),
  };
}

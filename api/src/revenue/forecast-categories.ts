import { addCalendarDays, daysInPeriod, type IsoDate, type Period } from "./calendar";
import { type DealHazards, lastCompleteLagWeek, MAX_LAG_WEEK } from "./forecast-lag";
import type { MinorUnits } from "./money";

/**
 * The open deals' chances by forecast category (decision 061): a deal in category c at asOf
 * gets the chance of the deals that were in c at the same age, whatever they became later. The
 * table is by landmark: each week start k of a deal's life (created + 7k) in which it was in c
 * enters c's life table at lag week k and stays until its close, so a deal promoted from
 * pipeline to commit before its win counts as a pipeline deal that was won.
 */
export const FORECAST_CATEGORIES = ["commit", "best_case", "pipeline", "omitted"] as const;
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number];

/**
 * The category tables are read from this share of the period on (day 45 of a 90-day quarter):
 * earlier, most of the period's wins are not deals yet and the tables made the demo's open
 * pipeline part worse (decision 061: at 100k leads, day 30 2.65% -> 4.37% of the quarter's
 * revenue, day 45 5.13% -> 1.94%, day 60 10.90% -> 4.54%). Before it, every open deal gets the
 * all-deals chance and the answer says no category was learned.
 */
export const CATEGORY_TABLES_FROM_SHARE = 0.5;

/**
 * One cell of the landmark tables (deal_category_lag_rollups): deals created in the ISO week
 * `week`, for lag week `lagWeek`: amount x their landmarks k <= lagWeek in `category` while
 * open at the start of the week (atRisk), won in it (won) or lost in it (lost); wonDeals counts
 * each deal won in it once.
 */
export type CategoryLagCell = {
  week: IsoDate;
  category: ForecastCategory;
  lagWeek: number;
  atRisk: MinorUnits;
  won: MinorUnits;
  lost: MinorUnits;
  wonDeals: number;
};

/** Deals open at the end of asOf in `category` at asOf (the history row in force then). */
export type OpenDealsByCategory = {
  createdOn: IsoDate;
  category: ForecastCategory;
  deals: number;
  amount: MinorUnits;
};

/**
 * The life table of each category from the cells of cohorts from `from` on, each lag week read
 * only once complete by asOf (lastCompleteLagWeek), as dealHazards reads the all-deals cells.
 */
export function categoryHazards(
  cells: readonly CategoryLagCell[],
  from: IsoDate,
  asOf: IsoDate,
): Map<ForecastCategory, DealHazards> {
  type Sums = { atRisk: number[]; won: number[]; lost: number[]; wonDeals: number };
  const sums = new Map<ForecastCategory, Sums>();
  const completeBy = new Map<IsoDate, number>();
  for (const cell of cells) {
    if (cell.week < from || cell.lagWeek < 0 || cell.lagWeek >= MAX_LAG_WEEK) continue;
    let last = completeBy.get(cell.week);
    if (last === undefined) {
      last = lastCompleteLagWeek(cell.week, asOf);
      completeBy.set(cell.week, last);
    }
    if (cell.lagWeek > last) continue;
    let s = sums.get(cell.category);
    if (!s) {
      const zeros = () => new Array<number>(MAX_LAG_WEEK).fill(0);
      s = { atRisk: zeros(), won: zeros(), lost: zeros(), wonDeals: 0 };
      sums.set(cell.category, s);
    }
    const w = cell.lagWeek;
    s.atRisk[w] = (s.atRisk[w] ?? 0) + cell.atRisk;
    s.won[w] = (s.won[w] ?? 0) + cell.won;
    s.lost[w] = (s.lost[w] ?? 0) + cell.lost;
    s.wonDeals += cell.wonDeals;
  }
  const tables = new Map<ForecastCategory, DealHazards>();
  for (const category of FORECAST_CATEGORIES) {
    const s = sums.get(category);
    if (!s) continue;
    const share = (events: number[]) =>
      events.map((amount, w) => {
        const open = s.atRisk[w] ?? 0;
        return open > 0 ? amount / open : 0;
      });
    tables.set(category, {
      won: share(s.won),
      lost: share(s.lost),
      wonDeals: s.wonDeals,
      // The cells hold amount x landmarks, not the won amount; the range reads the all-deals one.
      wonAmount: 0,
    });
  }
  return tables;
}

/** The first day of the period from which the category tables are read. */
export function categoryTablesFrom(period: Period): IsoDate {
  const day = Math.ceil(CATEGORY_TABLES_FROM_SHARE * daysInPeriod(period));
  return addCalendarDays(period.startsOn, Math.max(0, day - 1));
}

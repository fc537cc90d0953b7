import { daysBetween, type IsoDate } from "./calendar";
import type { MinorUnits } from "./money";

/**
 * Lags are counted in whole weeks from a cohort's creation: lag week w holds the lags of
 * 7w to 7w + 6 days. The last week (MAX_LAG_WEEK) holds everything later; it is stored so the
 * rollups stay complete, but it has no shape to learn from and no chance is read from it.
 */
export const MAX_LAG_WEEK = 52;
const LEARNED_WEEKS = MAX_LAG_WEEK;

export type DealOutcome = "won" | "lost" | "open";

/**
 * Deals created in the ISO week starting `week`, by outcome and lag week of their close
 * (closeWeek is -1 for deals still open). Amounts in minor units.
 */
export type DealLagCell = {
  week: IsoDate;
  outcome: DealOutcome;
  closeWeek: number;
  deals: number;
  amount: MinorUnits;
};

/** Leads created in the ISO week starting `week`. */
export type LeadCohort = { week: IsoDate; leads: number };

/**
 * Won deals of the leads created in the week starting `week`, by the lag week of the deal's
 * creation and of its win, both counted from the lead's creation.
 */
export type LeadLagCell = {
  week: IsoDate;
  dealWeek: number;
  wonWeek: number;
  wins: number;
  amount: MinorUnits;
};

/**
 * The last lag week of a cohort whose every event is known by the end of asOf, or -1: the
 * cohort's last day is week + 6 and lag week w ends 7w + 6 days later, so lag week w is
 * complete when 7w + 12 days have passed since the week's Monday. Reading only complete lag
 * weeks is what keeps a fact dated after asOf out of every chance.
 */
export function lastCompleteLagWeek(week: IsoDate, asOf: IsoDate): number {
  const days = daysBetween(week, asOf);
  return Math.min(LEARNED_WEEKS - 1, Math.floor((days - 12) / 7));
}

/** How many whole days of [lo, hi] fall in lag week w, as a share of the week's seven. */
function weekOverlap(w: number, lo: number, hi: number): number {
  const from = Math.max(7 * w, lo);
  const to = Math.min(7 * w + 6, hi);
  return to < from ? 0 : (to - from + 1) / 7;
}

/** Per lag week, the share of open deal amount won and lost in it (a life table). */
export type DealHazards = {
  won: readonly number[];
  lost: readonly number[];
  /** Won deals and their amount in the complete lag weeks: the evidence behind the chances. */
  wonDeals: number;
  wonAmount: MinorUnits;
};

/**
 * The life table of deals, weighted by amount: in each lag week, of the amount still open at
 * its start in cohorts that have completed it, the share won and the share lost that week.
 * Cohorts before `from` are not read.
 */
export function dealHazards(
  cells: readonly DealLagCell[],
  from: IsoDate,
  asOf: IsoDate,
): DealHazards {
  const atRisk = new Array<number>(LEARNED_WEEKS).fill(0);
  const won = new Array<number>(LEARNED_WEEKS).fill(0);
  const lost = new Array<number>(LEARNED_WEEKS).fill(0);
  let wonDeals = 0;
  let wonAmount = 0;
  for (const cell of cells) {
    if (cell.week < from) continue;
    const last = lastCompleteLagWeek(cell.week, asOf);
    if (last < 0) continue;
    const closes = cell.outcome !== "open";
    const lastAtRisk = closes ? Math.min(cell.closeWeek, last) : last;
    for (let w = 0; w <= lastAtRisk; w++) atRisk[w] = (atRisk[w] ?? 0) + cell.amount;
    if (closes && cell.closeWeek <= last) {
      const events = cell.outcome === "won" ? won : lost;
      events[cell.closeWeek] = (events[cell.closeWeek] ?? 0) + cell.amount;
      if (cell.outcome === "won") {
        wonDeals += cell.deals;
        wonAmount += cell.amount;
      }
    }
  }
  const share = (events: number[]) =>
    events.map((amount, w) => {
      const open = atRisk[w] ?? 0;
      return open > 0 ? amount / open : 0;
    });
  return { won: share(won), lost: share(lost), wonDeals, wonAmount };
}

/**
 * The chance that a deal open at age `age` (days) is won at an age in [lo, hi] (days, lo >
 * age): week by week it survives what is lost and won, and what falls in the window counts.
 * Ages beyond the learned weeks have no evidence and add nothing.
 */
export function dealChance(hazards: DealHazards, age: number, lo: number, hi: number): number {
  let open = 1;
  let chance = 0;
  for (let w = Math.floor((age + 1) / 7); w < LEARNED_WEEKS && 7 * w <= hi; w++) {
    const ahead = weekOverlap(w, age + 1, hi);
    if (ahead === 0) continue;
    const inWindow = weekOverlap(w, Math.max(lo, age + 1), hi);
    const wonShare = hazards.won[w] ?? 0;
    const lostShare = hazards.lost[w] ?? 0;
    chance += open * inWindow * wonShare;
    open *= 1 - ahead * (wonShare + lostShare);
  }
  return chance;
}

/**
 * What one lead brings, by the lag weeks of its deal's creation and of the win: won amount
 * (and wins) per lead of the cohorts that have completed that win week.
 */
export type LeadRates = {
  cells: readonly { dealWeek: number; wonWeek: number; amount: number; wins: number }[];
  /** Won deals in the complete lag weeks of the cohorts read. */
  wins: number;
};

export function leadRates(
  cohorts: readonly LeadCohort[],
  cells: readonly LeadLagCell[],
  from: IsoDate,
  asOf: IsoDate,
): LeadRates {
  const leadsThrough = new Array<number>(LEARNED_WEEKS).fill(0);
  for (const cohort of cohorts) {
    if (cohort.week < from) continue;
    const last = lastCompleteLagWeek(cohort.week, asOf);
    for (let w = 0; w <= last; w++) leadsThrough[w] = (leadsThrough[w] ?? 0) + cohort.leads;
  }
  const sums = new Map<
    number,
    { dealWeek: number; wonWeek: number; amount: number; wins: number }
  >();
  let wins = 0;
  for (const cell of cells) {
    if (cell.week < from || cell.wonWeek > lastCompleteLagWeek(cell.week, asOf)) continue;
    const key = cell.dealWeek * (MAX_LAG_WEEK + 1) + cell.wonWeek;
    const sum = sums.get(key) ?? {
      dealWeek: cell.dealWeek,
      wonWeek: cell.wonWeek,
      amount: 0,
      wins: 0,
    };
    sum.amount += cell.amount;
    sum.wins += cell.wins;
    sums.set(key, sum);
    wins += cell.wins;
  }
  const rates = [...sums.values()]
    .sort((a, b) => a.dealWeek - b.dealWeek || a.wonWeek - b.wonWeek)
    .flatMap((sum) => {
      const leads = leadsThrough[sum.wonWeek] ?? 0;
      return leads > 0 ? [{ ...sum, amount: sum.amount / leads, wins: sum.wins / leads }] : [];
    });
  return { cells: rates, wins };
}

/**
 * The won amount per lead by win week, summed over the deal weeks from d on: row d, column w
 * holds the cells with dealWeek >= d and wonWeek = w. leadValue reads a window in at most 52
 * steps whatever the number of cells, so the model's cost does not grow with the history's
 * volume (it is asked for every lead age of a year and every day still to come).
 */
const suffixCache = new WeakMap<LeadRates, number[][]>();

function amountSuffix(rates: LeadRates): number[][] {
  const cached = suffixCache.get(rates);
  if (cached) return cached;
  const rows = Array.from({ length: LEARNED_WEEKS + 1 }, () =>
    new Array<number>(LEARNED_WEEKS).fill(0),
  );
  for (const cell of rates.cells) {
    const row = rows[cell.dealWeek];
    if (row && cell.wonWeek < LEARNED_WEEKS)
      row[cell.wonWeek] = (row[cell.wonWeek] ?? 0) + cell.amount;
  }
  for (let d = LEARNED_WEEKS - 1; d >= 0; d--) {
    const row = rows[d];
    const next = rows[d + 1];
    if (!row || !next) continue;
    for (let w = 0; w < LEARNED_WEEKS; w++) row[w] = (row[w] ?? 0) + (next[w] ?? 0);
  }
  suffixCache.set(rates, rows);
  return rows;
}

/**
 * The won amount one lead is expected to bring from deals created after lag `dealAfter`
 * (days; -1 for a lead not yet created) and won at a lag in [lo, hi] days. Deal weeks after
 * the one holding day dealAfter + 1 count whole; that week counts for its days from then on.
 */
export function leadValue(rates: LeadRates, dealAfter: number, lo: number, hi: number): number {
  const suffix = amountSuffix(rates);
  const from = Math.max(0, dealAfter + 1);
  const d0 = Math.floor(from / 7);
  const share = dealAfter < 0 ? 1 : (7 * d0 + 7 - from) / 7;
  const whole = suffix[d0 + 1];
  const partial = suffix[d0];
  let value = 0;
  const last = Math.min(LEARNED_WEEKS - 1, Math.floor(hi / 7));
  for (let w = Math.max(0, Math.floor(lo / 7)); w <= last; w++) {
    const win = weekOverlap(w, lo, hi);
    if (win === 0) continue;
    const later = whole?.[w] ?? 0;
    const amount =
      dealAfter < 0 ? (partial?.[w] ?? 0) : later + share * ((partial?.[w] ?? 0) - later);
    value += amount * win;
  }
  return value;
}

export type LagProfile = {
  /** Share of a cohort's wins closing in its own period (leads arriving evenly over it). */
  q0: number;
  /** ...and in the next period. */
  q1: number;
  /** Median days from lead to won, or null without wins. */
  medianDays: number | null;
  /** Wins per lead over the learned weeks. */
  leadToWon: number;
  /** Share of the wins by lag week. */
  weeks: { week: number; share: number }[];
};

/** Wins per lead by lag day, each lag week's rate spread evenly over its seven days. */
function winsByLagDay(rates: LeadRates): number[] {
  const byWeek = new Array<number>(LEARNED_WEEKS).fill(0);
  for (const cell of rates.cells) byWeek[cell.wonWeek] = (byWeek[cell.wonWeek] ?? 0) + cell.wins;
  return byWeek.flatMap((wins) => new Array<number>(7).fill(wins / 7));
}

/**
 * The share of the wins of leads arriving evenly over `days` days that land within those
 * days: a lead arriving on day u (1..days) with lag l lands in time when u + l <= days.
 */
export function shareInTime(rates: LeadRates, days: number): number {
  const byDay = winsByLagDay(rates);
  const total = byDay.reduce((a, b) => a + b, 0);
  if (!(total > 0) || days <= 0) return total > 0 ? 0 : 1;
  let inTime = 0;
  byDay.forEach((wins, lag) => {
    inTime += (wins * Math.max(0, days - lag)) / days;
  });
  return inTime / total;
}

/** The lag profile over periods of `periodDays` days. */
export function lagProfile(rates: LeadRates, periodDays: number): LagProfile {
  const byDay = winsByLagDay(rates);
  const total = byDay.reduce((a, b) => a + b, 0);
  const weeks: { week: number; share: number }[] = [];
  for (let w = 0; w < LEARNED_WEEKS; w++) {
    let wins = 0;
    for (let d = 0; d < 7; d++) wins += byDay[7 * w + d] ?? 0;
    if (wins > 0) weeks.push({ week: w, share: wins / total });
  }
  if (!(total > 0)) return { q0: 1, q1: 0, medianDays: null, leadToWon: 0, weeks };
  let q1 = 0;
  let running = 0;
  let medianDays: number | null = null;
  byDay.forEach((wins, lag) => {
    // Arrival days u in [0, L) landing in the next period: L <= u + lag < 2L.
    const from = Math.max(0, periodDays - lag);
    const to = Math.min(periodDays - 1, 2 * periodDays - 1 - lag);
    if (to >= from) q1 += (wins * (to - from + 1)) / periodDays;
    running += wins;
    if (medianDays === null && running >= total / 2) medianDays = lag;
  });
  return {
    q0: shareInTime(rates, periodDays),
    q1: q1 / total,
    medianDays,
    leadToWon: total,
    weeks,
  };
}

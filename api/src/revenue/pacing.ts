import { daysElapsed, daysInPeriod, type IsoDate, type Period, periodDates } from "./calendar";
import type { FunnelCounts } from "./funnel";
import type { MinorUnits } from "./money";

/**
 * Cumulative revenue of one earlier period by day: entry i is the revenue booked by the end
 * of that period's day i + 1, so the last entry is the period's total. Periods may differ in
 * length; they are compared by relative position (day 45 of 90 is day 46 of 92).
 */
export type CumulativeRevenue = readonly MinorUnits[];

export type Pacing =
  | { method: "linear" }
  /** Earlier periods, most recent first; only the first four are used. */
  | { method: "historical"; history: readonly CumulativeRevenue[] };

export const MAX_HISTORY_PERIODS = 4;

function shareFromElapsed(elapsed: number, total: number): number {
  return elapsed / total;
}

/** Linear pace: f = days elapsed (inclusive of asOf) / days in period, 0 before, 1 after. */
export function linearShare(period: Period, asOf: IsoDate): number {
  return shareFromElapsed(daysElapsed(period, asOf), daysInPeriod(period));
}

/**
 * The share of one earlier period's revenue booked at the same relative position, reading
 * its cumulative curve between whole days by straight-line interpolation. Null when the
 * period booked nothing (it has no shape to learn from).
 */
function historicalPeriodShare(
  cumulative: CumulativeRevenue,
  elapsed: number,
  total: number,
): number | null {
  const length = cumulative.length;
  const final = cumulative[length - 1];
  if (final === undefined || !(final > 0)) return null;
  for (const value of cumulative) {
    if (!Number.isFinite(value)) throw new RangeError("history must hold finite amounts");
  }
  // elapsed * length / total is exact when the lengths match, so equal-length periods read
  // their own day and nothing is interpolated.
  const position = (elapsed * length) / total;
  const whole = Math.floor(position);
  const fraction = position - whole;
  const at = (days: number): number =>
    days <= 0 ? 0 : (cumulative[Math.min(days, length) - 1] ?? 0);
  const booked = fraction === 0 ? at(whole) : at(whole) + fraction * (at(whole + 1) - at(whole));
  // Refunds can push a running total above the final one; a share outside [0, 1] is noise.
  return Math.min(1, Math.max(0, booked / final));
}

function historicalShareFromElapsed(
  history: readonly CumulativeRevenue[],
  elapsed: number,
  total: number,
): number {
  const shares: number[] = [];
  for (const cumulative of history.slice(0, MAX_HISTORY_PERIODS)) {
    const share = historicalPeriodShare(cumulative, elapsed, total);
    if (share !== null) shares.push(share);
  }
  if (shares.length === 0) return shareFromElapsed(elapsed, total);
  let sum = 0;
  for (const share of shares) sum += share;
  return sum / shares.length;
}

/**
 * Historical pace: the average share of their final revenue that the previous periods (up to
 * four) had booked by the same relative day, because most quarters close late. Falls back to
 * linear when no earlier period booked any revenue.
 */
export function historicalShare(
  period: Period,
  asOf: IsoDate,
  history: readonly CumulativeRevenue[],
): number {
  return historicalShareFromElapsed(history, daysElapsed(period, asOf), daysInPeriod(period));
}

/**
 * The expected share f after `elapsed` of `total` days; for callers that already know the
 * day counts (charts, the summary), so dates are not parsed again.
 */
export function shareAfterDays(elapsed: number, total: number, pacing: Pacing): number {
  return pacing.method === "linear"
    ? shareFromElapsed(elapsed, total)
    : historicalShareFromElapsed(pacing.history, elapsed, total);
}

/** The expected share f of the period's revenue done by the end of `asOf`, in [0, 1]. */
export function expectedShare(period: Period, asOf: IsoDate, pacing: Pacing): number {
  return shareAfterDays(daysElapsed(period, asOf), daysInPeriod(period), pacing);
}

/** The expected share for every day of the period, for charts (one entry per date). */
export function expectedShares(period: Period, pacing: Pacing): { date: IsoDate; share: number }[] {
  const total = daysInPeriod(period);
  return periodDates(period).map((date, index) => ({
    date,
    share: shareAfterDays(index + 1, total, pacing),
  }));
}

/** Expected revenue to date = target x f (minor units, not rounded). */
export function expectedToDate(target: MinorUnits, share: number): number {
  return target * share;
}

/**
 * Plan to date: the planned volumes (leads, MQLs, SQLs, wins, revenue) times f. Rates and
 * deal size are ratios of these, so they stay as planned.
 */
export function planToDate(plan: FunnelCounts, share: number): FunnelCounts {
  return {
    leads: plan.leads * share,
    mqls: plan.mqls * share,
    sqls: plan.sqls * share,
    wins: plan.wins * share,
    revenue: plan.revenue * share,
  };
}

/**
 * Run-rate projection = actual / f on the chosen pacing. Null while f is 0 (before the period
 * starts, or while history says nothing is usually booked yet): no run rate exists.
 */
export function projectRevenue(actual: MinorUnits, share: number): number | null {
  return share > 0 ? actual / share : null;
}

/**
 * Pipeline coverage = open pipeline / remaining target (3x is the usual rule of thumb). Null
 * once the target is met (remaining <= 0): no pipeline is needed, and a ratio to zero or a
 * negative number would read as nonsense.
 */
export function pipelineCoverage(
  openPipeline: MinorUnits,
  target: MinorUnits,
  actual: MinorUnits,
): number | null {
  const remaining = target - actual;
  return remaining > 0 ? openPipeline / remaining : null;
}

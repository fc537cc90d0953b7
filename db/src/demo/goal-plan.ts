import type { goals } from "../schema/goals";
import type { DemoCalendar, DemoQuarter } from "./calendar";
import { dealSize, demoOrganization, sourceProfiles } from "./company";
import type { FunnelFlows } from "./facts";

export type GoalRow = typeof goals.$inferInsert;

export interface FunnelRates {
  leadToMql: number;
  mqlToSql: number;
  sqlToWon: number;
  /** Minor units. */
  avgDealSize: number;
}

export interface GoalPlan {
  goal: GoalRow;
  quarter: DemoQuarter;
  /** The rates of the four previous quarters together. */
  history: FunnelRates;
  /** The rates of the current quarter so far. */
  actual: FunnelRates;
}

export const DEMO_GOAL_ID = "goal_1";

/**
 * How the current quarter so far compares with the plan to date: slightly behind (at risk, not
 * off track), so the dashboard has a gap to explain.
 */
const ATTAINMENT_TO_DATE = 0.94;

/**
 * Levers on which the quarter does better than planned (below 1) or worse (above 1), so the
 * gap bridge pulls both ways: more leads, a better lead->MQL rate and bigger deals than
 * planned, a slightly worse MQL->SQL rate. The win rate takes up the rest of the gap, which is
 * where a late-closing quarter really is behind.
 */
const planOverActual = { leads: 0.98, leadToMql: 0.97, mqlToSql: 1.02, avgDealSize: 0.98 };
const MIN_DAYS_TO_CALIBRATE = 14;
/** Fewer events than these in a window and its rates are noise: a fallback rate is used. */
const MIN_EVIDENCE = { leads: 30, mqls: 10, sqls: 5, wins: 3 };

/**
 * The shared revenue goal of the current quarter, planned from the facts just generated: the
 * plan is the quarter so far with the levers above, so from its third week on the demo opens
 * slightly behind whatever today is, and the target lands near the previous quarters' revenue
 * (a linear run rate of a late-closing quarter). Before that, the plan is history's.
 */
export function planGoal(
  calendar: DemoCalendar,
  flows: readonly FunnelFlows[],
  expectedLeadsPerQuarter: readonly number[],
): GoalPlan {
  const quarter = calendar.quarters[calendar.quarters.length - 1];
  const current = flows[flows.length - 1];
  if (!quarter || !current) throw new Error("the calendar has no current quarter");
  const history = ratesOf(sumFlows(flows.slice(0, -1)), modelRates());
  const elapsedDays = calendar.todayIndex - quarter.firstDay + 1;
  const elapsed = elapsedDays / (quarter.lastDay - quarter.firstDay + 1);
  // In the quarter's first weeks there is too little to calibrate on: plan on history.
  const calibrated =
    elapsedDays >= MIN_DAYS_TO_CALIBRATE &&
    current.leads >= MIN_EVIDENCE.leads &&
    current.mqls >= MIN_EVIDENCE.mqls &&
    current.sqls >= MIN_EVIDENCE.sqls &&
    current.wins >= MIN_EVIDENCE.wins;
  const actual = calibrated ? ratesOf(current, history) : history;
  const leadsPace = calibrated
    ? current.leads / elapsed
    : (expectedLeadsPerQuarter[quarter.index] ?? current.leads / elapsed);

  const m = calibrated ? planOverActual : { leads: 1, leadToMql: 1, mqlToSql: 1, avgDealSize: 1 };
  const sqlToWonOverActual = calibrated
    ? 1 / (ATTAINMENT_TO_DATE * m.leads * m.leadToMql * m.mqlToSql * m.avgDealSize)
    : 1;
  const planLeads = Math.max(1, Math.round(leadsPace * m.leads));
  const leadToMql = round4(Math.min(0.99, actual.leadToMql * m.leadToMql));
  const mqlToSql = round4(Math.min(0.99, actual.mqlToSql * m.mqlToSql));
  const sqlToWon = round4(Math.min(0.99, actual.sqlToWon * sqlToWonOverActual));
  // Whole hundreds of dollars, as a sales plan would state it.
  const avgDealSize = Math.max(
    10_000,
    Math.round((actual.avgDealSize * m.avgDealSize) / 10_000) * 10_000,
  );
  // Rounded down to three significant figures, so the plan covers the target (coverage >= 1).
  const planned = planLeads * leadToMql * mqlToSql * sqlToWon * avgDealSize;
  const target = Math.max(100_000, floorSignificant(planned, 3));

  const createdAt = new Date((quarter.startSec - 5 * 24 * 3600 + 10 * 3600) * 1000);
  return {
    quarter,
    history,
    actual,
    goal: {
      orgId: demoOrganization.id,
      id: DEMO_GOAL_ID,
      name: `Q${quarter.number} ${quarter.year} shared revenue`,
      startsOn: quarter.startsOn,
      endsOn: quarter.endsOn,
      target,
      currency: demoOrganization.currency,
      planLeads,
      leadToMql,
      mqlToSql,
      sqlToWon,
      avgDealSize,
      pacing: "linear",
      createdAt,
      updatedAt: createdAt,
    },
  };
}

/**
 * The goals of the closed quarters, as they were planned before each began: the rates of the
 * quarters before it (the model's when there are none) and the leads the company expected, so
 * the Forecast page has past periods to show its accuracy on and the bench has periods to
 * backtest.
 */
export function pastGoals(
  calendar: DemoCalendar,
  flows: readonly FunnelFlows[],
  expectedLeadsPerQuarter: readonly number[],
): GoalRow[] {
  return calendar.quarters.slice(0, -1).map((quarter) => {
    const before = flows.slice(Math.max(0, quarter.index - 4), quarter.index);
    const rates = before.length > 0 ? ratesOf(sumFlows(before), modelRates()) : modelRates();
    const planLeads = Math.max(
      1,
      Math.round(expectedLeadsPerQuarter[quarter.index] ?? flows[quarter.index]?.leads ?? 1),
    );
    const leadToMql = round4(Math.min(0.99, rates.leadToMql));
    const mqlToSql = round4(Math.min(0.99, rates.mqlToSql));
    const sqlToWon = round4(Math.min(0.99, rates.sqlToWon));
    const avgDealSize = Math.max(10_000, Math.round(rates.avgDealSize / 10_000) * 10_000);
    const planned = planLeads * leadToMql * mqlToSql * sqlToWon * avgDealSize;
    const createdAt = new Date((quarter.startSec - 5 * 24 * 3600 + 10 * 3600) * 1000);
    return {
      orgId: demoOrganization.id,
      id: `goal_${quarter.year}_q${quarter.number}`,
      name: `Q${quarter.number} ${quarter.year} shared revenue`,
      startsOn: quarter.startsOn,
      endsOn: quarter.endsOn,
      target: Math.max(100_000, floorSignificant(planned, 3)),
      currency: demoOrganization.currency,
      planLeads,
      leadToMql,
      mqlToSql,
      sqlToWon,
      avgDealSize,
      pacing: "linear",
      createdAt,
      updatedAt: createdAt,
    };
  });
}

function sumFlows(list: readonly FunnelFlows[]): FunnelFlows {
  const sum: FunnelFlows = { leads: 0, mqls: 0, sqls: 0, wins: 0, revenue: 0 };
  for (const f of list) {
    sum.leads += f.leads;
    sum.mqls += f.mqls;
    sum.sqls += f.sqls;
    sum.wins += f.wins;
    sum.revenue += f.revenue;
  }
  return sum;
}

/** Observed rates, each falling back to `fallback` when too few events stand behind it. */
function ratesOf(flows: FunnelFlows, fallback: FunnelRates): FunnelRates {
  const rate = (num: number, den: number, minimum: number, otherwise: number) =>
    den >= minimum && num > 0 ? num / den : otherwise;
  return {
    leadToMql: rate(flows.mqls, flows.leads, MIN_EVIDENCE.leads, fallback.leadToMql),
    mqlToSql: rate(flows.sqls, flows.mqls, MIN_EVIDENCE.mqls, fallback.mqlToSql),
    sqlToWon: rate(flows.wins, flows.sqls, MIN_EVIDENCE.sqls, fallback.sqlToWon),
    avgDealSize: rate(flows.revenue, flows.wins, MIN_EVIDENCE.wins, fallback.avgDealSize),
  };
}

/** What the source profiles promise on average: the plan of a company too small to have history. */
function modelRates(): FunnelRates {
  let leads = 0;
  let mqls = 0;
  let sqls = 0;
  let wins = 0;
  for (const p of sourceProfiles) {
    leads += p.share;
    mqls += p.share * p.leadToMql;
    sqls += p.share * p.leadToMql * p.mqlToSql;
    wins += p.share * p.leadToMql * p.mqlToSql * p.sqlToWon;
  }
  return {
    leadToMql: mqls / leads,
    mqlToSql: sqls / mqls,
    sqlToWon: wins / sqls,
    avgDealSize: dealSize.medianUsd * 100,
  };
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

function floorSignificant(x: number, digits: number): number {
  if (x <= 0) return 0;
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(x)) - digits + 1);
  return Math.floor(x / unit) * unit;
}

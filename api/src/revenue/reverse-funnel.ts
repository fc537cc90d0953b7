import type { FunnelCounts, FunnelRates } from "./funnel";
import type { MinorUnits } from "./money";

export type FunnelVolumes = {
  wins: number;
  sqls: number;
  mqls: number;
  leads: number;
};

export type ReverseFunnel = {
  /** Exact requirements; fractional, so that forward(exact.leads) gives back the target. */
  exact: FunnelVolumes;
  /**
   * Whole numbers to plan with: each stage rounded up from the whole number needed below it
   * (40 whole wins at a 26.7% win rate need 150 SQLs), so the plan never falls short.
   */
  whole: FunnelVolumes;
};

export type ReverseFunnelInput = {
  target: MinorUnits;
  rates: FunnelRates;
  avgDealSize: MinorUnits;
};

export type ForwardFunnelInput = {
  leads: number;
  rates: FunnelRates;
  avgDealSize: MinorUnits;
};

// Rounding up must not turn 150.00000000000003 (float noise in 40 / (40/150)) into 151.
// The tolerance is relative, so a tiny positive need (a target of one cent against deals of
// millions) still rounds up to one whole win rather than down to none; and small, as float
// noise is a few ulps (1e-16 each) per stage, so a billion leads is not rounded down to one less.
const CEIL_TOLERANCE = 1e-12;

function ceilCount(value: number): number {
  if (!Number.isFinite(value)) return value;
  return Math.max(0, Math.ceil(value - CEIL_TOLERANCE * Math.abs(value)));
}

/** What is needed upstream to produce `downstream` at `rate`; Infinity when the rate is 0. */
function upstream(downstream: number, rate: number): number {
  if (downstream === 0) return 0;
  return rate === 0 ? Number.POSITIVE_INFINITY : downstream / rate;
}

function assertRates(rates: FunnelRates): void {
  for (const key of ["leadToMql", "mqlToSql", "sqlToWon"] as const) {
    const value = rates[key];
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`rates.${key} must be a finite non-negative number, got ${value}`);
    }
  }
}

function assertNonNegative(value: number, name: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite non-negative number, got ${value}`);
  }
}

/**
 * From a revenue target to the wins, SQLs, MQLs and leads it takes:
 * wins = target / avgDealSize, sqls = wins / sqlToWon, mqls = sqls / mqlToSql,
 * leads = mqls / leadToMql. A zero rate or deal size makes the stages above it Infinity
 * (no volume is enough), which what-if sliders can show as such.
 */
export function reverseFunnel(input: ReverseFunnelInput): ReverseFunnel {
  assertNonNegative(input.target, "target");
  assertNonNegative(input.avgDealSize, "avgDealSize");
  assertRates(input.rates);
  const { rates } = input;

  const wins = upstream(input.target, input.avgDealSize);
  const sqls = upstream(wins, rates.sqlToWon);
  const mqls = upstream(sqls, rates.mqlToSql);
  const leads = upstream(mqls, rates.leadToMql);

  const wholeWins = ceilCount(wins);
  const wholeSqls = ceilCount(upstream(wholeWins, rates.sqlToWon));
  const wholeMqls = ceilCount(upstream(wholeSqls, rates.mqlToSql));
  const wholeLeads = ceilCount(upstream(wholeMqls, rates.leadToMql));

  return {
    exact: { wins, sqls, mqls, leads },
    whole: { wins: wholeWins, sqls: wholeSqls, mqls: wholeMqls, leads: wholeLeads },
  };
}

/** From planned leads forward: the expected MQLs, SQLs, wins and revenue (fractional). */
export function forwardFunnel(input: ForwardFunnelInput): FunnelCounts {
  assertNonNegative(input.leads, "leads");
  assertNonNegative(input.avgDealSize, "avgDealSize");
  assertRates(input.rates);
  const mqls = input.leads * input.rates.leadToMql;
  const sqls = mqls * input.rates.mqlToSql;
  const wins = sqls * input.rates.sqlToWon;
  return { leads: input.leads, mqls, sqls, wins, revenue: wins * input.avgDealSize };
}

/**
 * Planned revenue / target: 1 means the planned volumes exactly reach the target, 0.8 that
 * they fall 20% short. Null when the target is zero, as there is nothing to cover.
 */
export function planCoverage(plannedRevenue: number, target: MinorUnits): number | null {
  assertNonNegative(plannedRevenue, "plannedRevenue");
  assertNonNegative(target, "target");
  return target === 0 ? null : plannedRevenue / target;
}

/** A goal's funnel plan; leads omitted means "whatever the target requires". */
export type FunnelPlan = FunnelRates & {
  leads?: number | null | undefined;
  avgDealSize: MinorUnits;
};

export type PlannedFunnel = {
  /** The full-period planned funnel; its revenue is the product of the plan's factors. */
  funnel: FunnelCounts;
  required: ReverseFunnel;
  coverage: number | null;
  /** True when the plan gave no leads and they were derived from the target. */
  leadsDerived: boolean;
  /**
   * The planned leads as every screen shows them: the plan's own figure, or when derived the
   * reverse funnel's whole leads, so "planned leads" and the reverse funnel never disagree.
   */
  leadsToPlan: number;
};

/**
 * The goal's planned funnel for the whole period. With leads given, the plan is what those
 * leads produce (and may miss the target: see coverage). With leads omitted, leads are the
 * exact (fractional) requirement, so the planned revenue is the target itself (up to float
 * rounding).
 */
export function plannedFunnel(target: MinorUnits, plan: FunnelPlan): PlannedFunnel {
  const rates = { leadToMql: plan.leadToMql, mqlToSql: plan.mqlToSql, sqlToWon: plan.sqlToWon };
  const required = reverseFunnel({ target, rates, avgDealSize: plan.avgDealSize });
  // A zero rate or deal size makes the requirement infinite; since no volume then produces
  // revenue, the plan is the empty funnel and its coverage 0 says so.
  const derivedLeads = Number.isFinite(required.exact.leads) ? required.exact.leads : 0;
  const leadsDerived = plan.leads === null || plan.leads === undefined;
  const leads = plan.leads ?? derivedLeads;
  const funnel = forwardFunnel({ leads, rates, avgDealSize: plan.avgDealSize });
  const wholeLeads = Number.isFinite(required.whole.leads) ? required.whole.leads : 0;
  return {
    funnel,
    required,
    coverage: planCoverage(funnel.revenue, target),
    leadsDerived,
    leadsToPlan: leadsDerived ? wholeLeads : leads,
  };
}

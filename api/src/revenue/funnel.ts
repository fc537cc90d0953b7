import type { MinorUnits } from "./money";

/**
 * The flows of one window: leads created, MQLs reached, SQLs reached, deals won, and the won
 * amount in minor units. Actual counts are whole numbers; planned counts are expectations and
 * may be fractional (e.g. 740.5 leads planned to date).
 */
export type FunnelCounts = {
  leads: number;
  mqls: number;
  sqls: number;
  wins: number;
  revenue: MinorUnits;
};

/** The three conversion rates, each a fraction (0.25 = 25%). */
export type FunnelRates = {
  leadToMql: number;
  mqlToSql: number;
  sqlToWon: number;
};

export type FactorName = "leads" | "leadToMql" | "mqlToSql" | "sqlToWon" | "dealSize";
export type RateFactorName = Exclude<FactorName, "leads">;

/** The order in which the factors multiply: leads x MQL/lead x SQL/MQL x won/SQL x revenue/won. */
export const FACTOR_NAMES: readonly FactorName[] = [
  "leads",
  "leadToMql",
  "mqlToSql",
  "sqlToWon",
  "dealSize",
];

/**
 * A ratio of two counts, or null when the denominator is zero. Callers decide what a zero
 * denominator means, because 0/0 (nothing happened) and x/0 (something came from nowhere,
 * e.g. MQLs from last quarter's leads) call for different answers.
 */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** A ratio with a fallback for a zero denominator, for display of rates ("0% when no leads"). */
export function ratioOr(numerator: number, denominator: number, fallback: number): number {
  return denominator === 0 ? fallback : numerator / denominator;
}

export type FactorTerm = {
  name: FactorName;
  numerator: number;
  /** 1 for the leads factor, which is a count and not a ratio. */
  denominator: number;
};

/** The five factors of revenue as numerator/denominator pairs, in FACTOR_NAMES order. */
export function factorTerms(counts: FunnelCounts): FactorTerm[] {
  return [
    { name: "leads", numerator: counts.leads, denominator: 1 },
    { name: "leadToMql", numerator: counts.mqls, denominator: counts.leads },
    { name: "mqlToSql", numerator: counts.sqls, denominator: counts.mqls },
    { name: "sqlToWon", numerator: counts.wins, denominator: counts.sqls },
    { name: "dealSize", numerator: counts.revenue, denominator: counts.wins },
  ];
}

/**
 * The five factors [leads, mqls/leads, sqls/mqls, wins/sqls, revenue/wins]; a factor is null
 * where its denominator is zero. When none is null their product is the revenue.
 */
export function funnelFactors(counts: FunnelCounts): (number | null)[] {
  return factorTerms(counts).map((term) => ratio(term.numerator, term.denominator));
}

/** Observed conversion rates and average deal size, null where a denominator is zero. */
export function observedRates(counts: FunnelCounts): {
  leadToMql: number | null;
  mqlToSql: number | null;
  sqlToWon: number | null;
  avgDealSize: number | null;
} {
  return {
    leadToMql: ratio(counts.mqls, counts.leads),
    mqlToSql: ratio(counts.sqls, counts.mqls),
    sqlToWon: ratio(counts.wins, counts.sqls),
    avgDealSize: ratio(counts.revenue, counts.wins),
  };
}

export function assertFunnelCounts(counts: FunnelCounts, name: string): void {
  for (const key of ["leads", "mqls", "sqls", "wins", "revenue"] as const) {
    const value = counts[key];
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`${name}.${key} must be a finite non-negative number, got ${value}`);
    }
  }
}

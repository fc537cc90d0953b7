import {
  assertFunnelCounts,
  type FactorName,
  type FunnelCounts,
  factorTerms,
  type RateFactorName,
} from "./funnel";
import { shapleyProduct } from "./shapley";

export type ConversionContributions = {
  /** leadToMql + mqlToSql + sqlToWon. */
  total: number;
  leadToMql: number;
  mqlToSql: number;
  sqlToWon: number;
};

/**
 * The gap (actual - plan revenue, minor units) split by lever. All amounts are minor units,
 * unrounded; activity + conversion.total + dealSize = gap (to float rounding).
 */
export type DecomposedGap = {
  kind: "decomposed";
  gap: number;
  activity: number;
  conversion: ConversionContributions;
  dealSize: number;
};

/** The identity revenue = product of factors does not hold, so no split is given. */
export type UndecomposableGap = {
  kind: "undecomposable";
  gap: number;
  activity: null;
  conversion: null;
  dealSize: null;
  /** The factor whose ratio is x/0 with x > 0. */
  factor: RateFactorName;
  side: "plan" | "actual";
  reason: string;
};

export type GapDecomposition = DecomposedGap | UndecomposableGap;

const STAGE_LABELS: Record<
  RateFactorName,
  { numerator: string; denominator: string; per: string }
> = {
  leadToMql: { numerator: "MQLs", denominator: "leads", per: "MQLs per lead" },
  mqlToSql: { numerator: "SQLs", denominator: "MQLs", per: "SQLs per MQL" },
  sqlToWon: { numerator: "wins", denominator: "SQLs", per: "wins per SQL" },
  dealSize: {
    numerator: "minor units of won revenue",
    denominator: "wins",
    per: "revenue per win",
  },
};

function isRateFactor(name: FactorName): name is RateFactorName {
  return name !== "leads";
}

/**
 * Splits actual - plan revenue into the Shapley contributions of the five factors
 * (leads, MQL/lead, SQL/MQL, won/SQL, revenue/won).
 *
 * Zero counts: a 0/0 ratio (no wins yet, so no deal size) carries no evidence of a change and
 * takes the other side's value (the plan's, or the actual's if the plan is the one at 0/0; 0
 * if both are), which keeps the product equal to revenue. A ratio x/0 with x > 0 (MQLs this
 * period from leads of an earlier one, and no new leads) breaks the identity, so every
 * contribution is null and `reason` says which ratio.
 */
export function decomposeGap(plan: FunnelCounts, actual: FunnelCounts): GapDecomposition {
  assertFunnelCounts(plan, "plan");
  assertFunnelCounts(actual, "actual");
  const gap = actual.revenue - plan.revenue;

  const planTerms = factorTerms(plan);
  const actualTerms = factorTerms(actual);
  const planFactors: number[] = [];
  const actualFactors: number[] = [];

  for (let index = 0; index < planTerms.length; index++) {
    const planTerm = planTerms[index];
    const actualTerm = actualTerms[index];
    if (planTerm === undefined || actualTerm === undefined) continue;
    for (const [side, term] of [
      ["plan", planTerm],
      ["actual", actualTerm],
    ] as const) {
      if (term.denominator === 0 && term.numerator !== 0 && isRateFactor(term.name)) {
        const label = STAGE_LABELS[term.name];
        return {
          kind: "undecomposable",
          gap,
          activity: null,
          conversion: null,
          dealSize: null,
          factor: term.name,
          side,
          reason:
            `The ${side} has ${term.numerator} ${label.numerator} but no ${label.denominator} ` +
            `in the window, so ${label.per} is undefined ` +
            "and revenue is not the product of the funnel factors.",
        };
      }
    }
    const planValue = planTerm.denominator === 0 ? null : planTerm.numerator / planTerm.denominator;
    const actualValue =
      actualTerm.denominator === 0 ? null : actualTerm.numerator / actualTerm.denominator;
    const resolvedPlan = planValue ?? actualValue ?? 0;
    planFactors.push(resolvedPlan);
    actualFactors.push(actualValue ?? resolvedPlan);
  }

  const [leads = 0, leadToMql = 0, mqlToSql = 0, sqlToWon = 0, dealSize = 0] = shapleyProduct(
    planFactors,
    actualFactors,
  );
  return {
    kind: "decomposed",
    gap,
    activity: leads,
    conversion: { total: leadToMql + mqlToSql + sqlToWon, leadToMql, mqlToSql, sqlToWon },
    dealSize,
  };
}

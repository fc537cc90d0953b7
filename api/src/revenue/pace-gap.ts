import { assertFunnelCounts, type FunnelCounts } from "./funnel";
import { decomposeGap } from "./gap-decomposition";
import { assertMinorUnits, type MinorUnits, roundMinor, roundToSum } from "./money";
import { expectedToDate as expectedShareOf, planToDate } from "./pacing";
import type { PlannedFunnel } from "./reverse-funnel";

export type PaceGapInput = {
  target: MinorUnits;
  /** Expected share f of the period done by asOf. */
  share: number;
  /** The goal's full-period plan (from plannedFunnel). */
  planned: PlannedFunnel;
  /** Flows of the period up to asOf, revenue in minor units. */
  actual: FunnelCounts;
};

type Levers = {
  activity: MinorUnits;
  conversion: {
    total: MinorUnits;
    leadToMql: MinorUnits;
    mqlToSql: MinorUnits;
    sqlToWon: MinorUnits;
  };
  dealSize: MinorUnits;
};

type NoLevers = { activity: null; conversion: null; dealSize: null };

/**
 * "Ahead or behind pace" and its bridge, in whole minor units. Every screen reads this one
 * value: gap = actual - expectedToDate, and planVsTarget + activity + conversion.total +
 * dealSize = gap exactly (whole units, rounded together so the parts add up).
 */
export type PaceGap = {
  /** target x f, rounded to whole minor units: the baseline of every screen. */
  expectedToDate: MinorUnits;
  /** The plan to date (plan's volumes x f), unrounded: what the levers are measured against. */
  planToDate: FunnelCounts;
  gap: MinorUnits;
  /** (planned revenue - target) x f: the plan's own shortfall or excess; 0 for derived leads. */
  planVsTarget: MinorUnits;
} & (
  | ({ kind: "decomposed"; reason: null } & Levers)
  | ({ kind: "no_data" | "undecomposable"; reason: string } & NoLevers)
);

export const NO_DATA_REASON =
  "No leads, MQLs, SQLs or wins are recorded in this period yet, so no lever can be blamed.";

function hasFacts(actual: FunnelCounts): boolean {
  return (
    actual.leads > 0 || actual.mqls > 0 || actual.sqls > 0 || actual.wins > 0 || actual.revenue > 0
  );
}

/**
 * The one baseline: from expected to date (target x f) to actual, through the plan's own
 * difference from the target and the Shapley split of actual - plan to date by lever. No lever
 * is blamed before the period has any facts.
 */
export function paceGap(input: PaceGapInput): PaceGap {
  assertMinorUnits(input.target, "target");
  assertFunnelCounts(input.actual, "actual");
  const { actual, planned, share } = input;
  const expectedExact = expectedShareOf(input.target, share);
  const expectedToDate = roundMinor(expectedExact);
  const plan = planToDate(planned.funnel, share);
  const gap = actual.revenue - expectedToDate;
  const planVsTargetExact = planned.leadsDerived ? 0 : plan.revenue - expectedExact;
  const base = { expectedToDate, planToDate: plan, gap };
  const noLevers: NoLevers = { activity: null, conversion: null, dealSize: null };

  if (!hasFacts(actual)) {
    return {
      ...base,
      planVsTarget: roundMinor(planVsTargetExact),
      kind: "no_data",
      reason: NO_DATA_REASON,
      ...noLevers,
    };
  }
  const split = decomposeGap(plan, actual);
  if (split.kind === "undecomposable") {
    return {
      ...base,
      planVsTarget: roundMinor(planVsTargetExact),
      kind: "undecomposable",
      reason: split.reason,
      ...noLevers,
    };
  }
  const parts = [
    planVsTargetExact,
    split.activity,
    split.conversion.leadToMql,
    split.conversion.mqlToSql,
    split.conversion.sqlToWon,
    split.dealSize,
  ];
  // A derived plan's difference from the target is zero by definition, not float noise.
  const fixed = planned.leadsDerived ? new Set([0]) : new Set<number>();
  const [planVsTarget = 0, activity = 0, leadToMql = 0, mqlToSql = 0, sqlToWon = 0, dealSize = 0] =
    roundToSum(parts, gap, fixed);
  return {
    ...base,
    planVsTarget,
    kind: "decomposed",
    reason: null,
    activity,
    conversion: { total: leadToMql + mqlToSql + sqlToWon, leadToMql, mqlToSql, sqlToWon },
    dealSize,
  };
}

import type { GoalRow } from "@tandem/db/queries/goals";
import { toMajorUnits } from "../../lib/money";
import { plannedFunnel } from "../../revenue";

/** A stored goal as the API shows it: money in major units, the plan's funnel worked out. */
export function goalView(goal: GoalRow) {
  const planned = plannedFunnel(goal.target, {
    leads: goal.planLeads,
    leadToMql: goal.leadToMql,
    mqlToSql: goal.mqlToSql,
    sqlToWon: goal.sqlToWon,
    avgDealSize: goal.avgDealSize,
  });
  const major = (minor: number) => toMajorUnits(Math.round(minor), goal.currency);
  return {
    id: goal.id,
    name: goal.name,
    startsOn: goal.startsOn,
    endsOn: goal.endsOn,
    target: major(goal.target),
    currency: goal.currency,
    plan: {
      leads: goal.planLeads ?? planned.required.whole.leads,
      leadsDerived: goal.planLeads === null,
      leadToMql: goal.leadToMql,
      mqlToSql: goal.mqlToSql,
      sqlToWon: goal.sqlToWon,
      avgDealSize: major(goal.avgDealSize),
      revenue: major(planned.funnel.revenue),
    },
    required: planned.required.whole,
    coverage: planned.coverage,
    pacing: goal.pacing,
    thresholds: { onTrack: goal.onTrackThreshold, atRisk: goal.atRiskThreshold },
    version: goal.version,
    createdAt: goal.createdAt.toISOString(),
    updatedAt: goal.updatedAt.toISOString(),
  };
}

import type { CheckInWithContext, KeyResultRow } from "@tandem/db/queries/key-results";
import { toMajorUnits } from "../lib/money";
import { type FunnelCounts, keyResultProgress, keyResultStatus, ratio } from "../revenue";
import type { CheckInView, KeyResultView } from "./summary-schema";

export interface MetricInputs {
  /** Actual funnel of the goal's period to date, revenue in minor units. */
  funnel: FunnelCounts;
  medianSpeedToLeadHours: number | null;
  currency: string;
}

/**
 * The live value of a funnel-fed key result, in its unit: rates as fractions (0.27 is 27%, like
 * the goal's plan rates), money in major units, durations in hours.
 */
export function metricValue(metric: string, inputs: MetricInputs): number | null {
  const { funnel, currency } = inputs;
  switch (metric) {
    case "leads":
      return funnel.leads;
    case "mqls":
      return funnel.mqls;
    case "sqls":
      return funnel.sqls;
    case "wins":
      return funnel.wins;
    case "revenue":
      return toMajorUnits(funnel.revenue, currency);
    case "lead_to_mql":
      return ratio(funnel.mqls, funnel.leads);
    case "mql_to_sql":
      return ratio(funnel.sqls, funnel.mqls);
    case "sql_to_won":
      return ratio(funnel.wins, funnel.sqls);
    case "avg_deal_size": {
      const average = ratio(funnel.revenue, funnel.wins);
      return average === null ? null : toMajorUnits(Math.round(average), currency);
    }
    case "median_speed_to_lead":
      return inputs.medianSpeedToLeadHours;
    default:
      return null;
  }
}

export function checkInView(row: CheckInWithContext): CheckInView {
  return {
    id: row.checkIn.id,
    keyResultId: row.checkIn.keyResultId,
    keyResultTitle: row.keyResultTitle,
    team: row.team,
    value: row.checkIn.value,
    confidence: row.checkIn.confidence,
    note: row.checkIn.note,
    author: { id: row.checkIn.authorId, name: row.authorName ?? "Former member" },
    createdAt: row.checkIn.createdAt.toISOString(),
  };
}

const DAY_MS = 86_400_000;

/** A key result with its current value, progress against pace, status and overdue flag. */
export function keyResultView(
  keyResult: KeyResultRow,
  team: { id: string; name: string; function: string },
  last: CheckInWithContext | undefined,
  context: { metrics: MetricInputs; expectedShare: number; now: Date },
): KeyResultView {
  const current = keyResult.metric
    ? metricValue(keyResult.metric, context.metrics)
    : (last?.checkIn.value ?? null);
  const progress =
    current === null
      ? null
      : keyResultProgress({ start: keyResult.startValue, target: keyResult.targetValue, current });
  const confidence = last?.checkIn.confidence ?? null;
  const since = last?.checkIn.createdAt ?? keyResult.createdAt;
  // Only people can be late: a funnel-fed key result updates itself.
  const overdue =
    keyResult.metric === null &&
    context.now.getTime() - since.getTime() > keyResult.cadenceDays * DAY_MS;
  return {
    id: keyResult.id,
    goalId: keyResult.goalId,
    title: keyResult.title,
    team,
    kind: keyResult.kind,
    unit: keyResult.unit,
    start: keyResult.startValue,
    target: keyResult.targetValue,
    metric: keyResult.metric,
    cadenceDays: keyResult.cadenceDays,
    current,
    progress,
    status: keyResultStatus({
      progress,
      expected: context.expectedShare,
      confidence,
    }),
    confidence,
    lastCheckIn: last ? checkInView(last) : null,
    overdue,
    archived: keyResult.archivedAt !== null,
    version: keyResult.version,
  };
}

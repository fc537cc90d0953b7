import { observedRates } from "@tandem/api/revenue";
import type { Formatters } from "./format";
import { type NiceScale, niceTicks } from "./nice-ticks";

export type LeverOwner = "marketing" | "sales" | "both";

export const ownerWords: Record<LeverOwner, string> = {
  marketing: "Marketing",
  sales: "Sales",
  both: "Both teams",
};

export interface BridgeStep {
  key: string;
  label: string;
  /** Totals are drawn from zero; steps float from the running total. */
  kind: "total" | "step";
  /** A total's amount, or a step's contribution. */
  value: number;
  owner?: LeverOwner;
  /** What moved, in words: "Leads: 1,800 actual vs 2,000 plan". */
  detail?: string;
}

interface Funnel {
  leads: number;
  mqls: number;
  sqls: number;
  wins: number;
  revenue: number;
}

/** The part of a goal summary (dashboard or TV) the bridge reads. */
export interface BridgeSource {
  expectedToDate: number;
  funnel: { plan: Funnel; actual: Funnel };
  contributions: {
    gap: number;
    planVsTarget: number;
    activity: number | null;
    conversion: { leadToMql: number; mqlToSql: number; sqlToWon: number } | null;
    dealSize: number | null;
  };
}

function rateDetail(label: string, plan: number | null, actual: number | null, f: Formatters) {
  const show = (v: number | null) => (v === null ? "n/a" : f.percent(v));
  return `${label}: ${show(actual)} actual vs ${show(plan)} plan`;
}

/**
 * The bridge from expected to date to actual: the plan's own difference from the target, then
 * each lever. Its steps add up to the headline's "ahead or behind" (the summary's gap) exactly.
 * Null when no lever can be blamed (no data yet, or a split that does not exist).
 */
export function bridgeSteps(summary: BridgeSource, format: Formatters): BridgeStep[] | null {
  const { contributions: c, funnel } = summary;
  if (c.activity === null || c.conversion === null || c.dealSize === null) return null;
  // The revenue model's own rates: the same ratios, and the same zero handling, as the split.
  const plan = observedRates(funnel.plan);
  const actual = observedRates(funnel.actual);
  const money = (minor: number | null) => (minor === null ? "no wins yet" : format.money(minor));
  const steps: BridgeStep[] = [
    { key: "expected", label: "Expected to date", kind: "total", value: summary.expectedToDate },
  ];
  // A plan derived from the target is the target; its step would always read zero.
  if (c.planVsTarget !== 0) {
    steps.push({
      key: "planVsTarget",
      label: "Plan vs target",
      kind: "step",
      value: c.planVsTarget,
      detail: `Planned revenue ${c.planVsTarget < 0 ? "below" : "above"} the target, to date`,
    });
  }
  steps.push(
    {
      key: "activity",
      label: "Activity",
      kind: "step",
      value: c.activity,
      owner: "marketing",
      detail: `Leads: ${format.count(funnel.actual.leads)} actual vs ${format.count(funnel.plan.leads)} plan`,
    },
    {
      key: "leadToMql",
      label: "Lead→MQL",
      kind: "step",
      value: c.conversion.leadToMql,
      owner: "marketing",
      detail: rateDetail("Lead to MQL", plan.leadToMql, actual.leadToMql, format),
    },
    {
      key: "mqlToSql",
      label: "MQL→SQL",
      kind: "step",
      value: c.conversion.mqlToSql,
      owner: "both",
      detail: rateDetail("MQL to SQL", plan.mqlToSql, actual.mqlToSql, format),
    },
    {
      key: "sqlToWon",
      label: "SQL→won",
      kind: "step",
      value: c.conversion.sqlToWon,
      owner: "sales",
      detail: rateDetail("SQL to won", plan.sqlToWon, actual.sqlToWon, format),
    },
    {
      key: "dealSize",
      label: "Deal size",
      kind: "step",
      value: c.dealSize,
      owner: "sales",
      detail: `Average deal: ${money(actual.avgDealSize)} actual vs ${money(plan.avgDealSize)} plan`,
    },
    { key: "actual", label: "Actual", kind: "total", value: funnel.actual.revenue },
  );
  return steps;
}

export interface BridgeBar {
  step: BridgeStep;
  /** Where the bar starts and ends on the value axis. */
  from: number;
  to: number;
  /** Left edge and width in percent of the lane. */
  left: number;
  width: number;
}

export interface BridgeLayout {
  bars: BridgeBar[];
  scale: NiceScale;
  /** Percent of the lane of a value on the axis. */
  at(value: number): number;
  /** The axis does not start at zero, so the totals' bars are drawn cut at its start. */
  cut: boolean;
}

/**
 * Where each bar goes. The axis follows the data: it reaches every running total (below zero
 * too) so no bar is ever clipped. When every level sits well above zero, the axis starts at a
 * round number below the lowest one, so steps of a few percent stay readable; the totals are
 * then drawn cut, and say so.
 */
export function bridgeLayout(steps: BridgeStep[], tickCount = 4): BridgeLayout {
  let running = 0;
  const spans = steps.map((step) => {
    if (step.kind === "total") {
      running = step.value;
      return { step, from: 0, to: step.value };
    }
    const from = running;
    running += step.value;
    return { step, from, to: running };
  });
  const levels = spans.flatMap((s) => (s.step.kind === "total" ? [s.to] : [s.from, s.to]));
  const low = Math.min(...levels, 0);
  const high = Math.max(...levels, 0);
  const lowest = Math.min(...levels);
  const zoom = lowest > 0 && lowest > high * 0.4;
  const scale = zoom
    ? niceTicks(Math.max(0, lowest - (high - lowest) * 0.25), high, tickCount)
    : niceTicks(low, high, tickCount);
  const [start, end] = scale.domain;
  const span = end - start || 1;
  const at = (value: number) => ((Math.min(end, Math.max(start, value)) - start) / span) * 100;
  const bars = spans.map(({ step, from, to }) => {
    const left = at(Math.min(from, to));
    return { step, from, to, left, width: at(Math.max(from, to)) - left };
  });
  return { bars, scale, at, cut: zoom };
}

/**
 * The levers that helped and cost most, for the dashboard's sentence and the TV's headline
 * alike. Only levers: the plan's own difference from the target is no team's doing. Either is
 * undefined when no lever moved that way.
 */
export function biggestLevers(steps: BridgeStep[]): { lift?: BridgeStep; drag?: BridgeStep } {
  const levers = steps.filter((s) => s.kind === "step" && s.owner);
  const sorted = [...levers].sort((a, b) => a.value - b.value);
  const drag = sorted[0];
  const lift = sorted.at(-1);
  return {
    drag: drag && drag.value < 0 ? drag : undefined,
    lift: lift && lift.value > 0 ? lift : undefined,
  };
}

import { Card } from "../../../components/ui/card";
import { EmptyState } from "../../../components/ui/states";
import type { Formatters } from "../../../lib/format";
import type { GoalSummary } from "../api/summary";
import { type BridgeStep, GapBridgeChart, ownerWords } from "../charts/gap-bridge-chart";

function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

function rateDetail(
  label: string,
  plan: number | null,
  actual: number | null,
  format: Formatters,
): string {
  const show = (v: number | null) => (v === null ? "n/a" : format.percent(v));
  return `${label}: ${show(actual)} actual vs ${show(plan)} plan`;
}

/** The bridge's steps from the summary; null when the gap could not be split. */
export function bridgeSteps(summary: GoalSummary, format: Formatters): BridgeStep[] | null {
  const { contributions: c, funnel } = summary;
  if (c.activity === null || c.conversion === null || c.dealSize === null) return null;
  const { plan, actual } = funnel;
  const dealSize = (f: typeof plan) => (f.wins === 0 ? null : f.revenue / f.wins);
  const planDeal = dealSize(plan);
  const actualDeal = dealSize(actual);
  return [
    { key: "plan", label: "Plan to date", kind: "total", value: plan.revenue },
    {
      key: "activity",
      label: "Activity",
      kind: "lever",
      value: c.activity,
      owner: "marketing",
      detail: `Leads: ${format.count(actual.leads)} actual vs ${format.count(plan.leads)} plan`,
    },
    {
      key: "leadToMql",
      label: "Lead→MQL",
      kind: "lever",
      value: c.conversion.leadToMql,
      owner: "marketing",
      detail: rateDetail(
        "Lead to MQL",
        rate(plan.mqls, plan.leads),
        rate(actual.mqls, actual.leads),
        format,
      ),
    },
    {
      key: "mqlToSql",
      label: "MQL→SQL",
      kind: "lever",
      value: c.conversion.mqlToSql,
      owner: "both",
      detail: rateDetail(
        "MQL to SQL",
        rate(plan.sqls, plan.mqls),
        rate(actual.sqls, actual.mqls),
        format,
      ),
    },
    {
      key: "sqlToWon",
      label: "SQL→won",
      kind: "lever",
      value: c.conversion.sqlToWon,
      owner: "sales",
      detail: rateDetail(
        "SQL to won",
        rate(plan.wins, plan.sqls),
        rate(actual.wins, actual.sqls),
        format,
      ),
    },
    {
      key: "dealSize",
      label: "Deal size",
      kind: "lever",
      value: c.dealSize,
      owner: "sales",
      detail: `Average deal: ${actualDeal === null ? "no wins yet" : format.money(actualDeal)} actual vs ${planDeal === null ? "n/a" : format.money(planDeal)} plan`,
    },
    { key: "actual", label: "Actual", kind: "total", value: actual.revenue },
  ];
}

/** "Lead→MQL (+$67K) helped most; SQL→won (−$67K) hurt most." */
function bridgeSummary(steps: BridgeStep[], gap: number, format: Formatters): string {
  const levers = steps.filter((s) => s.kind === "lever");
  const best = [...levers].sort((a, b) => b.value - a.value)[0];
  const worst = [...levers].sort((a, b) => a.value - b.value)[0];
  const parts = [`Actual is ${format.moneySigned(gap)} against plan to date.`];
  if (best && best.value > 0) {
    parts.push(
      `${best.label} helped most (${format.moneySigned(best.value)}, ${ownerWords[best.owner ?? "both"].toLowerCase()}).`,
    );
  }
  if (worst && worst.value < 0) {
    parts.push(
      `${worst.label} cost most (${format.moneySigned(worst.value)}, ${ownerWords[worst.owner ?? "both"].toLowerCase()}).`,
    );
  }
  return parts.join(" ");
}

export function GapBridgeCard({ summary, format }: { summary: GoalSummary; format: Formatters }) {
  const steps = bridgeSteps(summary, format);
  return (
    <Card
      span={6}
      title="Why: the gap by lever"
      description="Plan to date, what each lever added or cost, and actual. Labels name the team that mostly moves each lever."
    >
      {summary.daysElapsed <= 0 ? (
        <EmptyState title="The period has not started">
          The bridge appears once the first day of the period has passed.
        </EmptyState>
      ) : steps ? (
        <GapBridgeChart
          steps={steps}
          format={format}
          summary={bridgeSummary(steps, summary.contributions.gap, format)}
        />
      ) : (
        <EmptyState
          title={`Gap ${format.moneySigned(summary.contributions.gap)}, not split by lever`}
        >
          <p>{summary.contributions.reason ?? "The funnel counts do not allow a split yet."}</p>
        </EmptyState>
      )}
    </Card>
  );
}

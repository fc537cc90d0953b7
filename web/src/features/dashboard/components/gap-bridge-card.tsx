import { Card } from "../../../components/ui/card";
import { EmptyState, LoadingState } from "../../../components/ui/states";
import type { Formatters } from "../../../lib/format";
import { type BridgeStep, biggestLevers, bridgeSteps, ownerWords } from "../../../lib/gap-bridge";
import { useAfterFirstPaint } from "../../../lib/use-after-first-paint";
import type { GoalSummary } from "../api/summary";
import { GapBridgeChart } from "../charts/gap-bridge-chart";

/** "Actual is −$96,852 against expected to date. Lead→MQL helped most (…); SQL→won cost most (…)." */
function bridgeSummary(steps: BridgeStep[], gap: number, format: Formatters): string {
  const { lift: best, drag: worst } = biggestLevers(steps);
  const parts = [`Actual is ${format.moneySigned(gap)} against expected to date.`];
  if (best) {
    parts.push(
      `${best.label} helped most (${format.moneySigned(best.value)}, ${ownerWords[best.owner ?? "both"].toLowerCase()}).`,
    );
  }
  if (worst) {
    parts.push(
      `${worst.label} cost most (${format.moneySigned(worst.value)}, ${ownerWords[worst.owner ?? "both"].toLowerCase()}).`,
    );
  }
  return parts.join(" ");
}

export function GapBridgeCard({ summary, format }: { summary: GoalSummary; format: Formatters }) {
  const steps = bridgeSteps(summary, format);
  const c = summary.contributions;
  const painted = useAfterFirstPaint();
  return (
    <Card
      span={6}
      title="Why: the gap by lever"
      description="From expected to date to actual: what the plan itself and each lever added or cost. Labels name the team that mostly moves each lever."
    >
      {summary.daysElapsed <= 0 ? (
        <EmptyState title="The period has not started">
          The bridge appears once the first day of the period has passed.
        </EmptyState>
      ) : steps && !painted ? (
        <LoadingState label="Drawing the bridge…" rows={4} />
      ) : steps ? (
        <GapBridgeChart
          steps={steps}
          format={format}
          summary={bridgeSummary(steps, c.gap, format)}
        />
      ) : c.kind === "no_data" ? (
        <EmptyState title="No data yet">
          <p>
            Nothing is recorded in this period yet, so no lever is blamed. Send leads and deals from
            your CRM or import a CSV in Settings.
          </p>
        </EmptyState>
      ) : (
        <EmptyState title={`${format.moneySigned(c.gap)} against expected, not split by lever`}>
          <p>{c.reason ?? "The funnel counts do not allow a split yet."}</p>
        </EmptyState>
      )}
    </Card>
  );
}

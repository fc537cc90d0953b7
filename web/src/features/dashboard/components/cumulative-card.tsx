import { lazy, Suspense } from "react";
import { Card } from "../../../components/ui/card";
import { LoadingState } from "../../../components/ui/states";
import type { Formatters } from "../../../lib/format";
import { useAfterFirstPaint } from "../../../lib/use-after-first-paint";
import type { GoalSummary } from "../api/summary";
import type { CumulativePoint } from "../charts/cumulative-chart";

// recharts is most of the dashboard's script: loaded after the headline is on screen, so
// the first paint waits neither for its download nor for its evaluation.
const CumulativeChart = lazy(() =>
  import("../charts/cumulative-chart").then((m) => ({ default: m.CumulativeChart })),
);

/**
 * The projection continues from as-of along the expected curve, scaled by the pace so far:
 * at the end it reaches actual / f, the summary's projection.
 */
export function cumulativePoints(summary: GoalSummary): CumulativePoint[] {
  const pace = summary.expectedToDate > 0 ? summary.actual / summary.expectedToDate : null;
  return summary.series.map((point) => ({
    date: point.date,
    actual: point.actual,
    expected: point.expected,
    projection: pace !== null && point.date >= summary.asOf ? point.expected * pace : null,
  }));
}

const drawing = <LoadingState label="Drawing the chart…" rows={4} />;

export function CumulativeCard({ summary, format }: { summary: GoalSummary; format: Formatters }) {
  const painted = useAfterFirstPaint();
  const text =
    summary.projected === null
      ? `Revenue expected to reach ${format.money(summary.target)} by ${format.day(summary.goal.endsOn)}.`
      : `${format.money(summary.actual)} booked by ${format.day(summary.asOf)} against ${format.money(summary.expectedToDate)} expected; projected ${format.money(summary.projected)} at the end of the period.`;
  return (
    <Card
      span={6}
      title="Cumulative revenue"
      description="Actual against the plan's pace, with the projection at the current run rate."
    >
      {painted ? (
        <Suspense fallback={drawing}>
          <CumulativeChart
            points={cumulativePoints(summary)}
            asOf={summary.asOf}
            target={summary.target}
            format={format}
            summary={text}
          />
        </Suspense>
      ) : (
        drawing
      )}
    </Card>
  );
}

import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from "recharts";
import { axisTick, ChartTooltipBox } from "../../../components/ui/chart-tooltip";
import type { Formatters } from "../../../lib/format";
import { niceTicks } from "../../../lib/nice-ticks";

export interface CumulativePoint {
  date: string;
  actual: number | null;
  expected: number;
  projection: number | null;
}

export interface CumulativeChartConfig {
  points: CumulativePoint[];
  asOf: string;
  target: number;
  format: Formatters;
  /** One sentence that says what the chart shows, for screen readers and the caption. */
  summary: string;
}

function CumulativeTooltip({
  active,
  payload,
  label,
  format,
}: TooltipContentProps & { format: Formatters }) {
  if (!active || !payload?.length || typeof label !== "string") return null;
  const rows = payload.flatMap((item) =>
    typeof item.value === "number" ? [`${item.name}: ${format.money(item.value)}`] : [],
  );
  return <ChartTooltipBox title={format.day(label)} rows={rows} />;
}

/** Cumulative revenue against the plan's pace, with the run-rate projection to the period's end. */
export function CumulativeChart({ points, asOf, target, format, summary }: CumulativeChartConfig) {
  // Round ticks ($750K, $1.5M, $2.25M) over everything drawn, the target line included.
  const high = Math.max(
    target,
    ...points.flatMap((p) => [p.actual ?? 0, p.expected, p.projection ?? 0]),
  );
  const scale = niceTicks(0, high, 4);
  return (
    <figure className="chart-figure">
      <div className="chart-frame" style={{ height: 280 }}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart
            data={points}
            margin={{ top: 12, right: 16, bottom: 4, left: 8 }}
            title="Cumulative revenue"
            desc={summary}
          >
            <CartesianGrid stroke="var(--border)" vertical={false} />
            <XAxis
              dataKey="date"
              tickFormatter={format.dayShort}
              tick={axisTick}
              stroke="var(--border)"
              minTickGap={32}
            />
            <YAxis
              domain={scale.domain}
              ticks={scale.ticks}
              tickFormatter={format.moneyAxis}
              tick={axisTick}
              stroke="var(--border)"
              width={64}
              label={{
                value: `Revenue (${format.currency})`,
                angle: -90,
                position: "insideLeft",
                style: { fill: "var(--muted)", fontSize: 12, textAnchor: "middle" },
                dx: -2,
              }}
            />
            <Tooltip
              content={(props) => <CumulativeTooltip {...props} format={format} />}
              cursor={{ stroke: "var(--muted)", strokeDasharray: "3 3" }}
            />
            <Legend wrapperStyle={{ fontSize: 12, color: "var(--muted)" }} iconType="plainline" />
            <ReferenceLine
              y={target}
              stroke="var(--muted)"
              strokeDasharray="2 4"
              label={{
                value: `Target ${format.moneyCompact(target)}`,
                position: "insideTopLeft",
                fill: "var(--muted)",
                fontSize: 12,
              }}
            />
            <ReferenceLine
              x={asOf}
              stroke="var(--muted)"
              label={{ value: "As of", position: "top", fill: "var(--muted)", fontSize: 11 }}
            />
            <Area
              type="monotone"
              dataKey="actual"
              name="Actual"
              stroke="var(--accent)"
              strokeWidth={2}
              fill="var(--accent)"
              fillOpacity={0.12}
              isAnimationActive={false}
              connectNulls={false}
            />
            <Line
              type="monotone"
              dataKey="expected"
              name="Expected at plan pace"
              stroke="var(--muted)"
              strokeDasharray="6 4"
              dot={false}
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey="projection"
              name="Projection"
              stroke="var(--warning)"
              strokeWidth={2}
              strokeDasharray="2 3"
              dot={false}
              isAnimationActive={false}
              connectNulls={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="chart-caption">{summary}</figcaption>
    </figure>
  );
}

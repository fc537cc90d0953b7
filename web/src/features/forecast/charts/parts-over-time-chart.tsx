import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
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
import { forecastParts, type PartAmounts } from "../components/forecast-parts";

export interface PartsOverTimeConfig {
  points: Array<{ day: string } & PartAmounts>;
  target: number;
  /** The period's final revenue, once closed: where every forecast should have pointed. */
  final: number | null;
  format: Formatters;
  summary: string;
}

const fills: Record<(typeof forecastParts)[number]["tone"], string> = {
  booked: "var(--chart-total)",
  sales: "var(--sales)",
  marketing: "var(--marketing)",
  "to-come": "var(--marketing-soft)",
};

function PartsTooltip({
  active,
  payload,
  label,
  format,
}: TooltipContentProps & { format: Formatters }) {
  if (!active || !payload?.length || typeof label !== "string") return null;
  const total = payload.reduce((sum, item) => sum + (Number(item.value) || 0), 0);
  const rows = [
    ...payload.map((item) => `${item.name}: ${format.money(Number(item.value) || 0)}`),
    `Forecast: ${format.money(total)}`,
  ];
  return <ChartTooltipBox title={format.day(label)} rows={rows} />;
}

/** The forecast week by week, stacked by part, against the target (and the final, once known). */
export function PartsOverTimeChart({
  points,
  target,
  final,
  format,
  summary,
}: PartsOverTimeConfig) {
  const high = Math.max(
    target,
    final ?? 0,
    ...points.map((p) => forecastParts.reduce((sum, part) => sum + p[part.key], 0)),
  );
  const scale = niceTicks(0, high, 4);
  return (
    <figure className="chart-figure">
      <div className="chart-frame" style={{ height: 280 }}>
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart
            data={points}
            margin={{ top: 8, right: 12, bottom: 4, left: 4 }}
            title="The forecast by part, week by week"
            desc={summary}
          >
            <CartesianGrid stroke="var(--border)" vertical={false} />
            <XAxis
              dataKey="day"
              tickFormatter={format.dayShort}
              tick={axisTick}
              stroke="var(--border)"
              minTickGap={16}
            />
            <YAxis
              domain={scale.domain}
              ticks={scale.ticks}
              tickFormatter={format.moneyAxis}
              tick={axisTick}
              stroke="var(--border)"
              width={60}
            />
            <Tooltip content={(props) => <PartsTooltip {...props} format={format} />} />
            <Legend
              wrapperStyle={{ fontSize: 12 }}
              itemSorter={(item) => forecastParts.findIndex((p) => p.label === item.value)}
            />
            {forecastParts.map((part) => (
              <Area
                key={part.key}
                dataKey={part.key}
                name={part.label}
                stackId="forecast"
                type="linear"
                stroke={part.tone === "to-come" ? "var(--marketing)" : fills[part.tone]}
                fill={fills[part.tone]}
                fillOpacity={0.85}
                isAnimationActive={false}
              />
            ))}
            <ReferenceLine
              y={target}
              stroke="var(--text)"
              strokeDasharray="4 3"
              label={{
                value: "Target",
                position: "insideTopLeft",
                fill: "var(--muted)",
                fontSize: 12,
              }}
            />
            {final !== null && (
              <ReferenceLine
                y={final}
                stroke="var(--positive)"
                label={{
                  value: "Final",
                  position: "insideBottomRight",
                  fill: "var(--positive)",
                  fontSize: 12,
                }}
              />
            )}
          </AreaChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="chart-caption">{summary}</figcaption>
    </figure>
  );
}

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from "recharts";
import { axisTick, ChartTooltipBox } from "../../../components/ui/chart-tooltip";
import type { Formatters } from "../../../lib/format";
import { niceTicks } from "../../../lib/nice-ticks";

export interface AttributionSeries {
  key: string;
  label: string;
  color: string;
}

export interface AttributionChartConfig {
  /** One row per channel: its label and the credit under each model key. */
  rows: Array<{ channel: string } & Record<string, number | string>>;
  series: AttributionSeries[];
  format: Formatters;
  summary: string;
}

function CreditTooltip({
  active,
  payload,
  label,
  format,
}: TooltipContentProps & { format: Formatters }) {
  if (!active || !payload?.length || typeof label !== "string") return null;
  const rows = payload.flatMap((item) =>
    typeof item.value === "number" ? [`${item.name}: ${format.money(item.value)}`] : [],
  );
  return <ChartTooltipBox title={label} rows={rows} />;
}

/** Won revenue per channel, one bar per attribution model, side by side. */
export function AttributionChart({ rows, series, format, summary }: AttributionChartConfig) {
  const high = Math.max(0, ...rows.flatMap((row) => series.map((s) => Number(row[s.key]) || 0)));
  const scale = niceTicks(0, high, 4);
  return (
    <figure className="chart-figure chart-wide">
      <div className="chart-frame" style={{ height: 320 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={rows}
            margin={{ top: 8, right: 8, bottom: 4, left: 8 }}
            barCategoryGap="20%"
            title="Won revenue by channel under each attribution model"
            desc={summary}
          >
            <CartesianGrid stroke="var(--border)" vertical={false} />
            <XAxis dataKey="channel" tick={axisTick} stroke="var(--border)" interval={0} />
            <YAxis
              domain={scale.domain}
              ticks={scale.ticks}
              tickFormatter={format.moneyAxis}
              tick={axisTick}
              stroke="var(--border)"
              width={64}
              label={{
                value: `Credited revenue (${format.currency})`,
                angle: -90,
                position: "insideLeft",
                style: { fill: "var(--muted)", fontSize: 12, textAnchor: "middle" },
                dx: -2,
              }}
            />
            <Tooltip
              content={(props) => <CreditTooltip {...props} format={format} />}
              cursor={{ fill: "var(--surface-2)" }}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {series.map((s) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.label}
                fill={s.color}
                radius={[2, 2, 0, 0]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="chart-caption">{summary}</figcaption>
    </figure>
  );
}

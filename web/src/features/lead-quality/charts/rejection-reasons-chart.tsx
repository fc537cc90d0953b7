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

export interface ReasonSeries {
  key: string;
  label: string;
  color: string;
}

export interface RejectionReasonsConfig {
  /** One row per source: its label and the count of rejections per reason key. */
  rows: Array<{ label: string } & Record<string, number | string>>;
  series: ReasonSeries[];
  summary: string;
}

function ReasonsTooltip({ active, payload, label }: TooltipContentProps) {
  if (!active || !payload?.length || typeof label !== "string") return null;
  const rows = payload.flatMap((item) =>
    typeof item.value === "number" && item.value > 0 ? [`${item.name}: ${item.value}`] : [],
  );
  return <ChartTooltipBox title={label} rows={rows.length ? rows : ["No rejections"]} />;
}

/** Why sales rejects each source's leads: rejections stacked by reason. */
export function RejectionReasonsChart({ rows, series, summary }: RejectionReasonsConfig) {
  return (
    <figure className="chart-figure">
      <div className="chart-frame" style={{ height: Math.max(180, rows.length * 34 + 70) }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={rows}
            layout="vertical"
            margin={{ top: 4, right: 16, bottom: 4, left: 8 }}
            title="Rejections by reason and source"
            desc={summary}
          >
            <CartesianGrid stroke="var(--border)" horizontal={false} />
            <XAxis
              type="number"
              allowDecimals={false}
              tick={axisTick}
              stroke="var(--border)"
              label={{
                value: "Rejected leads",
                position: "insideBottomRight",
                offset: -2,
                style: { fill: "var(--muted)", fontSize: 12 },
              }}
            />
            <YAxis
              type="category"
              dataKey="label"
              tick={axisTick}
              stroke="var(--border)"
              width={110}
            />
            <Tooltip content={ReasonsTooltip} cursor={{ fill: "var(--surface-2)" }} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {series.map((s) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.label}
                stackId="reasons"
                fill={s.color}
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

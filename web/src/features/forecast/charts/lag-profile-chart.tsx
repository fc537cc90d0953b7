import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from "recharts";
import { axisTick, ChartTooltipBox } from "../../../components/ui/chart-tooltip";
import type { Formatters } from "../../../lib/format";

export interface LagProfileConfig {
  /** Share of a cohort's wins by week after the lead arrived. */
  weeks: Array<{ week: number; share: number }>;
  /** The period's length in weeks: wins to the right of it land in a later period. */
  periodWeeks: number;
  format: Formatters;
  summary: string;
}

function WeekTooltip({
  active,
  payload,
  label,
  format,
}: TooltipContentProps & { format: Formatters }) {
  if (!active || !payload?.length || typeof label !== "number") return null;
  return (
    <ChartTooltipBox
      title={`Week ${label + 1} after the lead arrived`}
      rows={[`${format.percent(Number(payload[0]?.value) || 0)} of the wins`]}
    />
  );
}

/** When leads become revenue: the share of a cohort's wins closing in each week after it arrived. */
export function LagProfileChart({ weeks, periodWeeks, format, summary }: LagProfileConfig) {
  const last = Math.max(periodWeeks, ...weeks.map((w) => w.week)) + 1;
  const shares = new Map(weeks.map((w) => [w.week, w.share]));
  const data = Array.from({ length: last }, (_, week) => ({ week, share: shares.get(week) ?? 0 }));
  return (
    <figure className="chart-figure">
      <div className="chart-frame" style={{ height: 240 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={data}
            margin={{ top: 8, right: 12, bottom: 16, left: 4 }}
            title="The lag profile"
            desc={summary}
          >
            <CartesianGrid stroke="var(--border)" vertical={false} />
            <XAxis
              dataKey="week"
              tickFormatter={(w: number) => String(w + 1)}
              tick={axisTick}
              stroke="var(--border)"
              minTickGap={8}
              label={{
                value: "Weeks from lead to win",
                position: "insideBottom",
                offset: -10,
                fill: "var(--muted)",
                fontSize: 12,
              }}
            />
            <YAxis
              tickFormatter={(v: number) => format.percent(v, 0)}
              tick={axisTick}
              stroke="var(--border)"
              width={44}
            />
            <Tooltip
              content={(props) => <WeekTooltip {...props} format={format} />}
              cursor={{ fill: "var(--surface-2)" }}
            />
            <ReferenceLine
              x={periodWeeks}
              stroke="var(--text)"
              strokeDasharray="4 3"
              label={{
                value: "one period",
                position: "insideTopRight",
                fill: "var(--muted)",
                fontSize: 12,
              }}
            />
            <Bar
              dataKey="share"
              name="Share of wins"
              fill="var(--marketing)"
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="chart-caption">{summary}</figcaption>
    </figure>
  );
}

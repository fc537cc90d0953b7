import {
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

export interface HistoryPoint {
  /** Milliseconds since the epoch: a time axis keeps uneven check-ins evenly spaced in time. */
  at: number;
  value: number | null;
  confidence: number;
}

export interface HistoryChartConfig {
  points: HistoryPoint[];
  target: number;
  valueName: string;
  formatValue: (value: number) => string;
  formatTime: (at: number) => string;
  summary: string;
}

function HistoryTooltip({
  active,
  payload,
  label,
  formatValue,
  formatTime,
}: TooltipContentProps & Pick<HistoryChartConfig, "formatValue" | "formatTime">) {
  if (!active || !payload?.length || typeof label !== "number") return null;
  const rows = payload.flatMap((item) => {
    if (typeof item.value !== "number") return [];
    return [
      item.dataKey === "confidence"
        ? `Confidence: ${item.value}/10`
        : `${item.name}: ${formatValue(item.value)}`,
    ];
  });
  return <ChartTooltipBox title={formatTime(label)} rows={rows} />;
}

/** A key result's check-ins over time: its value against the target, and the confidence. */
export function HistoryChart({
  points,
  target,
  valueName,
  formatValue,
  formatTime,
  summary,
}: HistoryChartConfig) {
  const hasValues = points.some((p) => p.value !== null);
  return (
    <figure className="chart-figure">
      <div className="chart-frame" style={{ height: 220 }}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart
            data={points}
            margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
            title={`${valueName} history`}
            desc={summary}
          >
            <CartesianGrid stroke="var(--border)" vertical={false} />
            <XAxis
              dataKey="at"
              type="number"
              scale="time"
              domain={["dataMin", "dataMax"]}
              tickFormatter={formatTime}
              tick={axisTick}
              stroke="var(--border)"
              minTickGap={40}
            />
            {hasValues && (
              <YAxis
                yAxisId="value"
                tickFormatter={formatValue}
                tick={axisTick}
                stroke="var(--border)"
                width={64}
                domain={[0, "auto"]}
              />
            )}
            <YAxis
              yAxisId="confidence"
              orientation="right"
              domain={[0, 10]}
              ticks={[0, 5, 10]}
              tick={axisTick}
              stroke="var(--border)"
              width={28}
              label={{
                value: "Confidence",
                angle: 90,
                position: "insideRight",
                style: { fill: "var(--muted)", fontSize: 11, textAnchor: "middle" },
              }}
            />
            <Tooltip
              content={(props) => (
                <HistoryTooltip {...props} formatValue={formatValue} formatTime={formatTime} />
              )}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} iconType="plainline" />
            {hasValues && (
              <ReferenceLine
                yAxisId="value"
                y={target}
                ifOverflow="extendDomain"
                stroke="var(--muted)"
                strokeDasharray="2 4"
                label={{
                  value: `Target ${formatValue(target)}`,
                  position: "insideTopLeft",
                  fill: "var(--muted)",
                  fontSize: 11,
                }}
              />
            )}
            {hasValues && (
              <Line
                yAxisId="value"
                dataKey="value"
                name={valueName}
                stroke="var(--accent)"
                strokeWidth={2}
                dot={{ r: 3 }}
                isAnimationActive={false}
                connectNulls
              />
            )}
            <Line
              yAxisId="confidence"
              dataKey="confidence"
              name="Confidence (1–10)"
              stroke="var(--warning)"
              strokeDasharray="4 3"
              type="stepAfter"
              dot={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="chart-caption">{summary}</figcaption>
    </figure>
  );
}

import {
  Bar,
  CartesianGrid,
  Cell,
  BarChart as Chart,
  LabelList,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from "recharts";
import { axisTick, ChartTooltipBox } from "../../../components/ui/chart-tooltip";
import type { Formatters } from "../../../lib/format";

export type LeverOwner = "marketing" | "sales" | "both";

export interface BridgeStep {
  key: string;
  label: string;
  /** Totals are drawn from zero; levers float from the running total. */
  kind: "total" | "lever";
  /** A total's amount, or a lever's contribution. */
  value: number;
  owner?: LeverOwner;
  /** What moved, in words, for the tooltip: "1,800 leads vs 2,000 planned". */
  detail?: string;
}

export interface GapBridgeConfig {
  steps: BridgeStep[];
  format: Formatters;
  summary: string;
}

export const ownerWords: Record<LeverOwner, string> = {
  marketing: "Marketing",
  sales: "Sales",
  both: "Both teams",
};

interface Row extends BridgeStep {
  range: [number, number];
  valueLabel: string;
}

function rowsOf(steps: BridgeStep[], format: Formatters): Row[] {
  let running = 0;
  return steps.map((step) => {
    if (step.kind === "total") {
      running = step.value;
      return { ...step, range: [0, step.value], valueLabel: format.moneyCompact(step.value) };
    }
    const from = running;
    running += step.value;
    return {
      ...step,
      range: [Math.min(from, running), Math.max(from, running)],
      valueLabel: format.moneySignedCompact(step.value),
    };
  });
}

/**
 * The levers are small next to the totals, so the axis starts below the lowest running total
 * (at a round number) rather than at zero; the totals' bars are cut at the axis, which the
 * axis labels make plain.
 */
function domainOf(rows: Row[]): [number, number] {
  // Running totals: a total's top, both ends of each lever.
  const levels = rows.flatMap((r) => (r.kind === "total" ? [r.value] : r.range));
  const low = Math.min(...levels);
  const high = Math.max(...levels);
  const spread = Math.max(high - low, Math.abs(high) * 0.02, 1);
  const floor = Math.max(0, low - spread * 1.5);
  const step = 10 ** Math.floor(Math.log10(Math.max(floor, 1)));
  const top = high + spread * 0.2;
  const topStep = 10 ** (Math.floor(Math.log10(Math.max(top - floor, 1))) - 1);
  return [Math.floor(floor / step) * step, Math.ceil(top / topStep) * topStep];
}

function fillOf(row: Row): string {
  if (row.kind === "total") return "var(--chart-total)";
  return row.value >= 0 ? "var(--positive)" : "var(--negative)";
}

function LeverTick({
  x,
  y,
  payload,
  rows,
}: {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
  rows: Row[];
}) {
  const row = rows.find((r) => r.key === payload?.value);
  if (!row || x === undefined || y === undefined) return null;
  const ownerClass = row.owner ? `owner-${row.owner}` : "owner-none";
  return (
    <g transform={`translate(${x},${y})`}>
      <text textAnchor="middle" dy={12} className="bridge-tick-label">
        {row.label}
      </text>
      {row.owner && (
        <text textAnchor="middle" dy={27} className={`bridge-tick-owner ${ownerClass}`}>
          {ownerWords[row.owner]}
        </text>
      )}
    </g>
  );
}

function BridgeTooltip({ active, payload, format }: TooltipContentProps & { format: Formatters }) {
  const row = payload?.[0]?.payload;
  if (!active || !isRow(row)) return null;
  const rows: string[] =
    row.kind === "total"
      ? [format.money(row.value)]
      : [
          `${format.moneySigned(row.value)} against plan`,
          ...(row.owner ? [`Mostly moved by: ${ownerWords[row.owner]}`] : []),
        ];
  if (row.detail) rows.push(row.detail);
  return <ChartTooltipBox title={row.label} rows={rows} />;
}

function isRow(value: unknown): value is Row {
  return typeof value === "object" && value !== null && "range" in value && "label" in value;
}

/**
 * The gap bridge: from revenue planned to date, each lever's contribution (Shapley split of
 * the gap) floats up or down, ending at actual revenue.
 */
export function GapBridgeChart({ steps, format, summary }: GapBridgeConfig) {
  const rows = rowsOf(steps, format);
  return (
    <figure className="chart-figure">
      <div className="chart-frame" style={{ height: 300 }}>
        <ResponsiveContainer width="100%" height="100%">
          <Chart
            data={rows}
            margin={{ top: 24, right: 8, bottom: 8, left: 8 }}
            barCategoryGap="18%"
            title="Gap bridge from plan to date to actual revenue"
            desc={summary}
          >
            <CartesianGrid stroke="var(--border)" vertical={false} />
            <XAxis
              dataKey="key"
              interval={0}
              height={40}
              tickLine={false}
              stroke="var(--border)"
              tick={(props) => <LeverTick {...props} rows={rows} />}
            />
            <YAxis
              domain={domainOf(rows)}
              allowDataOverflow
              tickFormatter={format.moneyCompact}
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
            <ReferenceLine y={0} stroke="var(--border)" />
            <Tooltip
              content={(props) => <BridgeTooltip {...props} format={format} />}
              cursor={{ fill: "var(--surface-2)" }}
            />
            <Bar dataKey="range" isAnimationActive={false} radius={[3, 3, 3, 3]}>
              {rows.map((row) => (
                <Cell key={row.key} fill={fillOf(row)} />
              ))}
              <LabelList dataKey="valueLabel" position="top" className="bridge-value" />
            </Bar>
          </Chart>
        </ResponsiveContainer>
      </div>
      <figcaption className="chart-caption">{summary}</figcaption>
      <table className="visually-hidden">
        <caption>Gap bridge, step by step</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Amount</th>
            <th scope="col">Mostly moved by</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td>
                {row.kind === "total" ? format.money(row.value) : format.moneySigned(row.value)}
              </td>
              <td>{row.owner ? ownerWords[row.owner] : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

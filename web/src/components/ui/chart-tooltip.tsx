import type { ReactNode } from "react";

/** The box every chart's tooltip uses, so they all read the same. */
export function ChartTooltipBox({ title, rows }: { title: ReactNode; rows: ReactNode[] }) {
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">{title}</p>
      {rows.map((row, index) => (
        // Rows are static for one render of the tooltip.
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond order
        <p key={index} className="chart-tooltip-row">
          {row}
        </p>
      ))}
    </div>
  );
}

export const axisTick = { fill: "var(--muted)", fontSize: 12 };

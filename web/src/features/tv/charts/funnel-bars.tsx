export interface FunnelRow {
  label: string;
  plan: number;
  actual: number;
  format(value: number): string;
}

/**
 * Each funnel stage as actual against plan-to-date: the bar fills to the share of plan
 * reached, the tick marks 100 %.
 */
export function FunnelBars({
  rows,
  percent,
}: {
  rows: FunnelRow[];
  percent(value: number): string;
}) {
  return (
    <div className="tv-funnel">
      {rows.map((row) => {
        const share = row.plan > 0 ? row.actual / row.plan : null;
        const tone =
          share === null
            ? "total"
            : share >= 1
              ? "positive"
              : share >= 0.85
                ? "warning"
                : "negative";
        // The lane shows up to 150 % of plan, so the plan tick sits at two thirds.
        const width = share === null ? 0 : Math.min(share / 1.5, 1) * 100;
        return (
          <div className="tv-funnel-row" key={row.label}>
            <span className="tv-funnel-label">{row.label}</span>
            <span className="tv-funnel-actual">{row.format(row.actual)}</span>
            <span className="tv-funnel-lane">
              <span className={`tv-funnel-fill tv-fill-${tone}`} style={{ width: `${width}%` }} />
              <span className="tv-funnel-plan" />
            </span>
            <span className={`tv-funnel-share tv-${tone}`}>
              {share === null ? "no plan" : `${percent(share)} of ${row.format(row.plan)}`}
            </span>
          </div>
        );
      })}
    </div>
  );
}

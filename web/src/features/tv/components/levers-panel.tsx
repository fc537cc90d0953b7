import type { Formatters } from "../../../lib/format";
import type { LiveSummary } from "../api/live-summary";
import { FunnelBars, type FunnelRow } from "../charts/funnel-bars";
import { type BridgeStep, GapBridge } from "../charts/gap-bridge";

const rate = (numerator: number, denominator: number) =>
  denominator > 0 ? numerator / denominator : null;

/** Panel 2: why we are where we are: the gap split by lever, and the funnel against plan. */
export function LeversPanel({ summary, format }: { summary: LiveSummary; format: Formatters }) {
  const { contributions: c, funnel } = summary;
  const levers: BridgeStep[] =
    c.activity === null || c.conversion === null || c.dealSize === null
      ? []
      : [
          { label: "Lead volume", value: c.activity, kind: "delta" },
          { label: "Lead → MQL", value: c.conversion.leadToMql, kind: "delta" },
          { label: "MQL → SQL", value: c.conversion.mqlToSql, kind: "delta" },
          { label: "SQL → Won", value: c.conversion.sqlToWon, kind: "delta" },
          { label: "Deal size", value: c.dealSize, kind: "delta" },
        ];
  const steps: BridgeStep[] = [
    { label: "Plan to date", value: funnel.plan.revenue, kind: "total" },
    ...levers,
    { label: "Actual", value: funnel.actual.revenue, kind: "total" },
  ];
  const sorted = [...levers].sort((a, b) => a.value - b.value);
  const drag = sorted[0];
  const lift = sorted.at(-1);
  const count = (v: number) => format.count(v);
  const rows: FunnelRow[] = [
    { label: "Leads", plan: funnel.plan.leads, actual: funnel.actual.leads, format: count },
    { label: "MQLs", plan: funnel.plan.mqls, actual: funnel.actual.mqls, format: count },
    { label: "SQLs", plan: funnel.plan.sqls, actual: funnel.actual.sqls, format: count },
    { label: "Wins", plan: funnel.plan.wins, actual: funnel.actual.wins, format: count },
    {
      label: "Revenue",
      plan: funnel.plan.revenue,
      actual: funnel.actual.revenue,
      format: format.moneyCompact,
    },
  ];
  const rates = [
    {
      label: "Lead → MQL",
      actual: rate(funnel.actual.mqls, funnel.actual.leads),
      plan: rate(funnel.plan.mqls, funnel.plan.leads),
    },
    {
      label: "MQL → SQL",
      actual: rate(funnel.actual.sqls, funnel.actual.mqls),
      plan: rate(funnel.plan.sqls, funnel.plan.mqls),
    },
    {
      label: "SQL → Won",
      actual: rate(funnel.actual.wins, funnel.actual.sqls),
      plan: rate(funnel.plan.wins, funnel.plan.sqls),
    },
  ];

  return (
    <section className="tv-panel tv-levers" aria-label="The levers">
      <div className="tv-column">
        <h2 className="tv-heading">
          Gap to plan{" "}
          <span className={c.gap >= 0 ? "tv-positive" : "tv-negative"}>
            {format.moneySigned(c.gap)}
          </span>
        </h2>
        {levers.length > 0 ? (
          <>
            <div className="tv-lead">
              {drag && drag.value < 0 && (
                <p>
                  Biggest drag: <strong>{drag.label}</strong>{" "}
                  <span className="tv-negative">{format.moneySignedCompact(drag.value)}</span>
                </p>
              )}
              {lift && lift.value > 0 && (
                <p>
                  Biggest lift: <strong>{lift.label}</strong>{" "}
                  <span className="tv-positive">{format.moneySignedCompact(lift.value)}</span>
                </p>
              )}
            </div>
            <GapBridge
              steps={steps}
              formatTotal={format.moneyCompact}
              formatDelta={format.moneySignedCompact}
            />
          </>
        ) : (
          <p className="tv-lead">
            The gap cannot be split by lever yet: {c.reason ?? "not enough data"}.
          </p>
        )}
      </div>
      <div className="tv-column">
        <h2 className="tv-heading">Funnel against plan to date</h2>
        <FunnelBars rows={rows} percent={(v) => format.percent(v, 0)} />
        <div className="tv-rates">
          {rates.map((r) => (
            <div className="tv-rate" key={r.label}>
              <div className="tv-stat-label">{r.label}</div>
              <div className="tv-rate-value">
                {r.actual === null ? "—" : format.percent(r.actual, 0)}
              </div>
              <div className="tv-stat-detail">
                plan {r.plan === null ? "—" : format.percent(r.plan, 0)}
              </div>
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}

import { observedRates } from "@tandem/api/revenue";
import type { Formatters } from "../../../lib/format";
import { biggestLevers, bridgeSteps } from "../../../lib/gap-bridge";
import type { LiveSummary } from "../api/live-summary";
import { FunnelBars, type FunnelRow } from "../charts/funnel-bars";
import { GapBridge } from "../charts/gap-bridge";

/** Panel 2: why we are where we are: the gap split by lever, and the funnel against plan. */
export function LeversPanel({ summary, format }: { summary: LiveSummary; format: Formatters }) {
  const { contributions: c, funnel } = summary;
  const steps = bridgeSteps(summary, format);
  const { drag, lift } = biggestLevers(steps ?? []);
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
  const planRates = observedRates(funnel.plan);
  const actualRates = observedRates(funnel.actual);
  const rates = [
    { label: "Lead → MQL", actual: actualRates.leadToMql, plan: planRates.leadToMql },
    { label: "MQL → SQL", actual: actualRates.mqlToSql, plan: planRates.mqlToSql },
    { label: "SQL → Won", actual: actualRates.sqlToWon, plan: planRates.sqlToWon },
  ];

  return (
    <section className="tv-panel tv-levers" aria-label="The levers">
      <div className="tv-column">
        <h2 className="tv-heading">
          {c.gap >= 0 ? "Ahead of pace" : "Behind pace"}{" "}
          <span className={c.gap >= 0 ? "tv-positive" : "tv-negative"}>
            {format.moneySigned(c.gap)}
          </span>
        </h2>
        {steps ? (
          <>
            <div className="tv-lead">
              {drag && (
                <p>
                  Biggest drag: <strong>{drag.label}</strong>{" "}
                  <span className="tv-negative">{format.moneySignedCompact(drag.value)}</span>
                </p>
              )}
              {lift && (
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
            {c.kind === "no_data"
              ? "No data yet: nothing is recorded in this period, so no lever is blamed."
              : `The gap cannot be split by lever yet: ${c.reason ?? "not enough data"}.`}
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

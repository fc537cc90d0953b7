import { Card } from "../../../components/ui/card";
import type { Formatters } from "../../../lib/format";
import type { FunnelView, GoalSummary } from "../api/summary";

type Stage = "leads" | "mqls" | "sqls" | "wins" | "revenue";

const stages: { key: Stage; label: string; rateLabel?: string }[] = [
  { key: "leads", label: "Leads" },
  { key: "mqls", label: "MQLs", rateLabel: "Lead→MQL" },
  { key: "sqls", label: "SQLs", rateLabel: "MQL→SQL" },
  { key: "wins", label: "Wins", rateLabel: "SQL→won" },
  { key: "revenue", label: "Revenue", rateLabel: "Avg deal" },
];

function previous(stage: Stage): Stage | null {
  const index = stages.findIndex((s) => s.key === stage);
  return index > 0 ? (stages[index - 1]?.key ?? null) : null;
}

function conversion(funnel: FunnelView, stage: Stage): number | null {
  const from = previous(stage);
  if (!from) return null;
  const denominator = funnel[from];
  return denominator === 0 ? null : funnel[stage] / denominator;
}

export function FunnelCard({ summary, format }: { summary: GoalSummary; format: Formatters }) {
  const { plan, actual, planPeriod } = summary.funnel;
  const value = (stage: Stage, v: number) =>
    stage === "revenue" ? format.money(v) : format.count(v);
  const rate = (stage: Stage, v: number | null) => {
    if (v === null) return "—";
    return stage === "revenue" ? format.money(v) : format.percent(v);
  };
  return (
    <Card
      span={6}
      title="Funnel: plan vs actual"
      description={`Through ${format.day(summary.asOf)}. Plan to date is the period plan scaled by the pace (${format.percent(summary.expectedShare)}).`}
    >
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col" className="num">
                Plan to date
              </th>
              <th scope="col" className="num">
                Actual
              </th>
              <th scope="col" className="num">
                vs plan
              </th>
              <th scope="col" className="num">
                Conversion
              </th>
            </tr>
          </thead>
          <tbody>
            {stages.map((stage) => {
              // Before the first fact there is nothing to compare: not 100% behind, not measured.
              const delta =
                plan[stage.key] === 0 || summary.status === "not_started"
                  ? null
                  : actual[stage.key] / plan[stage.key] - 1;
              const actualRate = conversion(actual, stage.key);
              const planRate = conversion(plan, stage.key);
              const better =
                actualRate !== null && planRate !== null ? actualRate >= planRate : null;
              return (
                <tr key={stage.key}>
                  <th scope="row">
                    {stage.label}
                    <span className="muted small block">
                      {value(stage.key, planPeriod[stage.key])} in period
                    </span>
                  </th>
                  <td className="num">{value(stage.key, plan[stage.key])}</td>
                  <td className="num strong">{value(stage.key, actual[stage.key])}</td>
                  <td
                    className={`num ${delta === null ? "" : delta >= 0 ? "positive" : "negative"}`}
                  >
                    {delta === null ? "—" : `${delta >= 0 ? "+" : ""}${format.percent(delta, 0)}`}
                  </td>
                  <td className="num">
                    {stage.rateLabel && (
                      <>
                        <span className={better === null ? "" : better ? "positive" : "negative"}>
                          {rate(stage.key, actualRate)}
                        </span>
                        <span className="muted small block">
                          {stage.rateLabel} plan {rate(stage.key, planRate)}
                        </span>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

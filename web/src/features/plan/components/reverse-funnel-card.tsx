import { Card } from "../../../components/ui/card";
import { Stat } from "../../../components/ui/stat";
import type { Formatters } from "../../../lib/format";
import { computeWhatIf, type PlanDraft, type WhatIf } from "../what-if";

const stages = [
  { key: "leads", label: "Leads", rate: null },
  { key: "mqls", label: "MQLs", rate: "leadToMql" },
  { key: "sqls", label: "SQLs", rate: "mqlToSql" },
  { key: "wins", label: "Wins", rate: "sqlToWon" },
] as const;

const rateNames = { leadToMql: "Lead→MQL", mqlToSql: "MQL→SQL", sqlToWon: "SQL→won" } as const;

function Delta({
  now,
  before,
  format,
}: {
  now: number;
  before: number | null;
  format: Formatters;
}) {
  if (before === null || !Number.isFinite(now) || !Number.isFinite(before) || now === before) {
    return null;
  }
  const diff = now - before;
  // Needing more volume is worse; needing less is better.
  return (
    <span className={`compare ${diff > 0 ? "negative" : "positive"}`}>
      {diff > 0 ? "+" : "−"}
      {format.count(Math.abs(diff))} vs saved
    </span>
  );
}

interface Lever {
  label: string;
  owner: string;
  step: string;
  apply: (d: PlanDraft) => PlanDraft;
}

const levers = (format: Formatters, draft: PlanDraft): Lever[] => {
  const dealStep = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(draft.avgDealSize, 1))) - 1);
  return [
    {
      label: "Lead→MQL",
      owner: "Marketing",
      step: "+1 point",
      apply: (d) => ({ ...d, leadToMql: Math.min(1, d.leadToMql + 0.01) }),
    },
    {
      label: "MQL→SQL",
      owner: "Both teams",
      step: "+1 point",
      apply: (d) => ({ ...d, mqlToSql: Math.min(1, d.mqlToSql + 0.01) }),
    },
    {
      label: "SQL→won",
      owner: "Sales",
      step: "+1 point",
      apply: (d) => ({ ...d, sqlToWon: Math.min(1, d.sqlToWon + 0.01) }),
    },
    {
      label: "Average deal",
      owner: "Sales",
      step: `+${format.money(dealStep)}`,
      apply: (d) => ({ ...d, avgDealSize: d.avgDealSize + dealStep }),
    },
  ];
};

/** What one step of each lever is worth: fewer leads needed, more revenue from the planned ones. */
function LeverWorth({
  draft,
  whatIf,
  format,
}: {
  draft: PlanDraft;
  whatIf: WhatIf;
  format: Formatters;
}) {
  const fixedLeads: PlanDraft = { ...draft, leads: Math.round(whatIf.planned.leads) };
  const base = computeWhatIf(fixedLeads, format.minorDigits);
  return (
    <div className="table-scroll" style={{ marginTop: "0.5rem" }}>
      <table className="data-table">
        <caption className="visually-hidden">What one step of each lever is worth</caption>
        <thead>
          <tr>
            <th scope="col">Lever</th>
            <th scope="col">Moved by</th>
            <th scope="col" className="num">
              Step
            </th>
            <th scope="col" className="num">
              Leads needed
            </th>
            <th scope="col" className="num">
              Revenue from planned leads
            </th>
          </tr>
        </thead>
        <tbody>
          {levers(format, draft).map((lever) => {
            const moved = computeWhatIf(lever.apply(fixedLeads), format.minorDigits);
            const leads = moved.required.leads - whatIf.required.leads;
            const revenue = moved.planned.revenue - base.planned.revenue;
            return (
              <tr key={lever.label}>
                <th scope="row">{lever.label}</th>
                <td className="muted">{lever.owner}</td>
                <td className="num">{lever.step}</td>
                <td className="num positive">
                  {Number.isFinite(leads)
                    ? `${leads > 0 ? "+" : "−"}${format.count(Math.abs(leads))}`
                    : "—"}
                </td>
                <td className="num positive">{format.moneySigned(revenue)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** What the target takes at these rates, and what the planned leads produce. */
export function ReverseFunnelCard({
  draft,
  whatIf,
  saved,
  format,
}: {
  draft: PlanDraft;
  whatIf: WhatIf;
  /** The saved plan's requirements, to show what the what-if changes; null when creating. */
  saved: WhatIf | null;
  format: Formatters;
}) {
  const top = Math.max(whatIf.required.leads, 1);
  const coverage = whatIf.coverage;
  const short = draft.target - whatIf.planned.revenue;
  const coverageTone = coverage === null ? undefined : coverage >= 0.999 ? "positive" : "negative";
  const volume = (v: number) => (Number.isFinite(v) ? format.count(v) : "not reachable");
  return (
    <Card
      span={7}
      title="Reverse funnel"
      description={`What ${format.money(draft.target)} takes at these rates and deal size, in whole leads, MQLs, SQLs and wins rounded up at each stage so the plan never falls short, recomputed as you move the sliders.`}
    >
      <ol className="funnel-steps" aria-label="Volumes the target requires" aria-live="polite">
        {stages.map((stage) => {
          const needed = whatIf.required[stage.key];
          const width = Number.isFinite(needed) ? Math.max(2, (needed / top) * 100) : 100;
          return (
            <li key={stage.key}>
              {stage.rate && (
                <p className="funnel-rate">
                  × {format.percent(draft[stage.rate])} {rateNames[stage.rate]}
                </p>
              )}
              <div className="funnel-step">
                <span className="strong">{stage.label}</span>
                <div className="funnel-bar" aria-hidden="true">
                  <div className="funnel-bar-fill" style={{ width: `${width}%` }} />
                </div>
                <span className="funnel-step-value" data-testid={`required-${stage.key}`}>
                  {volume(needed)}
                </span>
              </div>
              <div style={{ textAlign: "right" }}>
                <Delta
                  now={needed}
                  before={saved ? saved.required[stage.key] : null}
                  format={format}
                />
              </div>
            </li>
          );
        })}
      </ol>
      <p className="funnel-rate" style={{ marginLeft: 0, marginTop: "0.4rem" }}>
        × {format.money(draft.avgDealSize)} average deal = {format.money(draft.target)} target
      </p>
      <dl className="stats-row" style={{ marginTop: "1.25rem" }}>
        <Stat
          label="Planned leads"
          value={format.count(whatIf.planned.leads)}
          hint={draft.leads === null ? "derived from the target" : "set in the plan"}
        />
        <Stat
          label="Planned revenue"
          value={format.money(whatIf.planned.revenue)}
          hint="what the planned leads produce"
        />
        <Stat
          label="Coverage"
          value={coverage === null ? "—" : format.percent(coverage, 0)}
          tone={coverageTone}
          hint={
            coverage === null
              ? "no target"
              : short > 0.5
                ? `${format.money(short)} short of target`
                : "the plan reaches the target"
          }
        />
        <Stat
          label="Revenue per lead"
          value={
            whatIf.planned.leads > 0
              ? format.moneyExact(whatIf.planned.revenue / whatIf.planned.leads)
              : "—"
          }
          hint="what each lead is worth at these rates"
        />
      </dl>
      <h3>What one step of each lever is worth</h3>
      <p className="field-hint">
        Against the current what-if: fewer leads needed for the target, or more revenue from the
        same planned leads.
      </p>
      <LeverWorth draft={draft} whatIf={whatIf} format={format} />
    </Card>
  );
}

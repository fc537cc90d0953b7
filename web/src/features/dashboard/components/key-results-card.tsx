import { Link } from "react-router";
import { Card } from "../../../components/ui/card";
import { ProgressBar } from "../../../components/ui/progress-bar";
import { EmptyState } from "../../../components/ui/states";
import { StatusBadge } from "../../../components/ui/status-badge";
import { TeamBadge } from "../../../components/ui/team-badge";
import type { Formatters } from "../../../lib/format";
import { formatKeyResultValue } from "../../goals/components/key-result-value";
import type { KeyResultView } from "../api/summary";

export function ConfidenceMeter({ value }: { value: number | null }) {
  if (value === null) return <span className="muted">—</span>;
  const tone = value >= 7 ? "high" : value >= 4 ? "medium" : "low";
  return (
    <span className={`confidence confidence-${tone}`} title={`Confidence ${value} out of 10`}>
      {value}
      <span className="muted small">/10</span>
    </span>
  );
}

export function KeyResultsCard({
  keyResults,
  format,
  expectedShare,
}: {
  keyResults: KeyResultView[];
  format: Formatters;
  expectedShare: number;
}) {
  return (
    <Card
      span={12}
      title="Key results"
      description="Every team's key results sit under the one revenue goal. Status compares progress with the pace."
      actions={
        <Link className="button small" to="/check-ins">
          Check in
        </Link>
      }
    >
      {keyResults.length === 0 ? (
        <EmptyState title="No key results yet">
          Team leads add the results their team commits to under this goal, then check in weekly.
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table key-results-table">
            <thead>
              <tr>
                <th scope="col">Key result</th>
                <th scope="col">Team</th>
                <th scope="col" className="progress-col">
                  Progress
                </th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Confidence
                </th>
                <th scope="col">Last check-in</th>
              </tr>
            </thead>
            <tbody>
              {keyResults.map((kr) => (
                <tr key={kr.id}>
                  <th scope="row" className="kr-title">
                    {kr.title}
                    <span className="muted small block">
                      {kr.metric ? "Live from the funnel" : "Updated by check-ins"}
                    </span>
                  </th>
                  <td>
                    <TeamBadge team={kr.team} />
                  </td>
                  <td>
                    <div className="kr-progress">
                      <ProgressBar
                        value={kr.progress ?? 0}
                        marker={expectedShare}
                        tone={kr.status}
                        label={`${kr.title}: ${kr.progress === null ? "no value yet" : format.percent(kr.progress, 0)} of the way to target`}
                      />
                      <span className="kr-values">
                        <strong>{formatKeyResultValue(kr.current, kr.unit, format)}</strong>
                        <span className="muted">
                          {" "}
                          / {formatKeyResultValue(kr.target, kr.unit, format)}
                        </span>
                      </span>
                    </div>
                  </td>
                  <td>
                    <StatusBadge status={kr.status} />
                  </td>
                  <td className="num">
                    <ConfidenceMeter value={kr.confidence} />
                  </td>
                  <td>
                    {kr.lastCheckIn ? (
                      <span>
                        {format.ago(kr.lastCheckIn.createdAt)}
                        <span className="muted small block">{kr.lastCheckIn.author.name}</span>
                      </span>
                    ) : (
                      <span className="muted">{kr.metric ? "Automatic" : "Never"}</span>
                    )}
                    {kr.overdue && <span className="overdue-flag">Overdue</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

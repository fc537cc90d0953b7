import { ProgressBar } from "../../../components/ui/progress-bar";
import { StatusBadge } from "../../../components/ui/status-badge";
import { TeamBadge } from "../../../components/ui/team-badge";
import type { Formatters } from "../../../lib/format";
import { formatKeyResultValue } from "../../goals/components/key-result-value";
import type { KeyResult } from "../api/check-ins";

export interface KeyResultGroup {
  label: string;
  keyResults: KeyResult[];
}

export function KeyResultList({
  groups,
  selectedId,
  onSelect,
  format,
}: {
  groups: KeyResultGroup[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  format: Formatters;
}) {
  return (
    <nav aria-label="Key results">
      {groups.map((group) => (
        <div key={group.label}>
          <h3 className="kr-list-group">{group.label}</h3>
          <ul className="kr-list">
            {group.keyResults.map((kr) => (
              <li key={kr.id}>
                <button
                  type="button"
                  className="kr-item"
                  aria-current={kr.id === selectedId ? "true" : undefined}
                  onClick={() => onSelect(kr.id)}
                >
                  <span className="kr-item-top">
                    <span className="kr-item-title">{kr.title}</span>
                    <StatusBadge status={kr.status} />
                  </span>
                  <ProgressBar
                    value={kr.progress ?? 0}
                    tone={kr.status}
                    label={`${kr.title} progress`}
                  />
                  <span className="kr-item-meta">
                    <TeamBadge team={kr.team} />
                    <span>
                      {formatKeyResultValue(kr.current, kr.unit, format)}
                      <span className="muted">
                        {" "}
                        / {formatKeyResultValue(kr.target, kr.unit, format)}
                      </span>
                    </span>
                    <span className="muted">
                      {kr.lastCheckIn
                        ? `checked in ${format.ago(kr.lastCheckIn.createdAt)}`
                        : "no check-in yet"}
                    </span>
                    {kr.overdue && <span className="overdue-flag">Overdue</span>}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

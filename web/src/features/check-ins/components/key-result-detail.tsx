import { useQuery } from "@tanstack/react-query";
import { useOrg } from "../../../app/org-context";
import { Card } from "../../../components/ui/card";
import { ProgressBar } from "../../../components/ui/progress-bar";
import { Stat } from "../../../components/ui/stat";
import { EmptyState, ErrorState, LoadingState } from "../../../components/ui/states";
import { StatusBadge } from "../../../components/ui/status-badge";
import { TeamBadge } from "../../../components/ui/team-badge";
import type { Formatters } from "../../../lib/format";
import { formatKeyResultValue } from "../../goals/components/key-result-value";
import { historyQuery, type KeyResult } from "../api/check-ins";
import { HistoryChart } from "../charts/history-chart";
import { CheckInForm } from "./check-in-form";
import { CheckInHistory } from "./check-in-history";
import { EditKeyResultForm } from "./edit-key-result-form";

export function KeyResultDetail({
  keyResult,
  goalId,
  format,
  canCheckIn,
  whyNot,
  onReload,
  reloading,
  onArchived,
}: {
  keyResult: KeyResult;
  goalId: string;
  format: Formatters;
  canCheckIn: boolean;
  whyNot: string;
  onReload: () => void;
  reloading: boolean;
  onArchived: () => void;
}) {
  const { me } = useOrg();
  const history = useQuery(historyQuery(keyResult.id));
  const fmt = (v: number | null) => formatKeyResultValue(v, keyResult.unit, format);
  const checkIns = history.data?.checkIns ?? [];
  const points = [...checkIns].reverse().map((c) => ({
    at: new Date(c.createdAt).getTime(),
    value: c.value,
    confidence: c.confidence,
  }));
  const dateOnly = new Intl.DateTimeFormat(format.locale, {
    month: "short",
    day: "numeric",
    timeZone: format.timezone,
  });

  return (
    <>
      <Card
        span={7}
        id="key-result-detail"
        title={keyResult.title}
        description={
          <span className="row">
            <TeamBadge team={keyResult.team} />
            <StatusBadge status={keyResult.status} />
            {keyResult.overdue && <span className="overdue-flag">Check-in overdue</span>}
            <span className="muted small">
              {keyResult.metric
                ? "Live from the funnel"
                : `Check in every ${keyResult.cadenceDays} days`}
            </span>
          </span>
        }
      >
        <dl className="dl-grid">
          <Stat label="Current" value={fmt(keyResult.current)} />
          <Stat
            label="Target"
            value={fmt(keyResult.target)}
            hint={`from ${fmt(keyResult.start)}`}
          />
          <Stat
            label="Progress"
            value={keyResult.progress === null ? "—" : format.percent(keyResult.progress, 0)}
          />
          <Stat
            label="Confidence"
            value={keyResult.confidence === null ? "—" : `${keyResult.confidence}/10`}
            hint={
              keyResult.lastCheckIn
                ? `${keyResult.lastCheckIn.author.name}, ${format.ago(keyResult.lastCheckIn.createdAt)}`
                : "no check-in yet"
            }
          />
        </dl>
        <div style={{ margin: "0.9rem 0 1.25rem" }}>
          <ProgressBar
            value={keyResult.progress ?? 0}
            tone={keyResult.status}
            label={`${keyResult.title}: progress ${keyResult.progress === null ? "unknown" : format.percent(keyResult.progress, 0)}`}
          />
        </div>
        <h3>Check in</h3>
        {canCheckIn ? (
          <CheckInForm
            // A new version (after a check-in or a reload) keeps the form: only the key changes it.
            key={keyResult.id}
            keyResult={keyResult}
            goalId={goalId}
            format={format}
            onReload={() => {
              onReload();
              void history.refetch();
            }}
            reloading={reloading}
          />
        ) : (
          <p className="field-hint">{whyNot}</p>
        )}
        {canCheckIn && (
          <details className="more">
            <summary>Edit or archive this key result</summary>
            <EditKeyResultForm
              key={`${keyResult.id}:${keyResult.version}`}
              keyResult={keyResult}
              goalId={goalId}
              onArchived={onArchived}
            />
          </details>
        )}
      </Card>
      <Card
        span={12}
        title="History"
        description="Every check-in on this key result, newest first."
      >
        {history.isPending ? (
          <LoadingState rows={3} />
        ) : history.isError ? (
          <ErrorState error={history.error} onRetry={() => history.refetch()} />
        ) : checkIns.length === 0 ? (
          <EmptyState title="No check-ins yet">The first check-in starts the history.</EmptyState>
        ) : (
          <div className="grid">
            <div className="span-7">
              <HistoryChart
                points={points}
                target={keyResult.target}
                valueName={keyResult.title}
                formatValue={(v) => fmt(v)}
                formatTime={(at) => dateOnly.format(new Date(at))}
                summary={`${checkIns.length} check-ins; latest confidence ${checkIns[0]?.confidence ?? "—"}/10${
                  keyResult.metric ? "" : `, latest value ${fmt(checkIns[0]?.value ?? null)}`
                }.`}
              />
            </div>
            <CheckInHistory
              keyResult={keyResult}
              checkIns={checkIns}
              goalId={goalId}
              format={format}
              canCorrect={(c) => me.role === "owner" || c.author.id === me.user.id}
            />
          </div>
        )}
      </Card>
    </>
  );
}

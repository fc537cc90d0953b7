import type { Formatters } from "../../../lib/format";
import type { LiveSummary } from "../api/live-summary";
import { PaceChart } from "../charts/pace-chart";
import { ProgressTrack } from "../charts/progress-track";
import { statusTone, statusWords } from "./tv-words";

function Stat({
  label,
  value,
  detail,
  tone,
}: {
  label: string;
  value: string;
  detail?: string;
  tone?: string;
}) {
  return (
    <div className="tv-stat">
      <div className="tv-stat-label">{label}</div>
      <div className={`tv-stat-value${tone ? ` tv-${tone}` : ""}`}>{value}</div>
      {detail && <div className="tv-stat-detail">{detail}</div>}
    </div>
  );
}

/** Panel 1: actual against target, where the pace says we should be, and where we are heading. */
export function NumberPanel({ summary, format }: { summary: LiveSummary; format: Formatters }) {
  const { actual, target, expectedToDate, projected, attainment, pipeline, pipelineCoverage } =
    summary;
  const tone = statusTone[summary.status];
  // The one baseline, as on the dashboard and the levers panel's bridge.
  const ahead = summary.contributions.gap;
  const projectedShare = projected === null || target <= 0 ? null : projected / target;
  return (
    <section className="tv-panel tv-number" aria-label="The number">
      <div className="tv-number-main">
        <div>
          <div className="tv-number-head">
            <span className={`tv-status tv-status-${tone}`}>{statusWords[summary.status]}</span>
            {projectedShare !== null && (
              <span className="tv-status-words">
                heading for {format.percent(projectedShare, 0)} of target
              </span>
            )}
          </div>
          <div className="tv-big">{format.money(actual)}</div>
          <div className="tv-of">
            of {format.money(target)} target
            {attainment !== null && (
              <span className="tv-of-share"> · {format.percent(attainment, 0)} there</span>
            )}
          </div>
        </div>
        <PaceChart
          series={summary.series}
          tone={tone}
          label={`Cumulative revenue against the expected pace, ${format.money(actual)} so far`}
        />
      </div>
      <ProgressTrack
        actual={actual}
        target={target}
        expected={expectedToDate}
        projected={projected}
        tone={tone}
        paceLabel={`Pace today ${format.moneyCompact(expectedToDate)}`}
        projectedLabel={projected === null ? null : `Projected ${format.moneyCompact(projected)}`}
        targetLabel={`Target ${format.money(target)}`}
      />
      <div className="tv-stats">
        <Stat label="Expected by today" value={format.money(expectedToDate)} />
        <Stat
          label={ahead >= 0 ? "Ahead of pace" : "Behind pace"}
          value={format.money(Math.abs(ahead))}
          tone={ahead >= 0 ? "positive" : "negative"}
        />
        <Stat
          label="Projected finish"
          value={projected === null ? "—" : format.money(projected)}
          detail={
            projectedShare === null
              ? "too early to tell"
              : `${format.percent(projectedShare, 0)} of target`
          }
          tone={tone}
        />
        <Stat
          label="Pipeline coverage"
          value={pipelineCoverage === null ? "—" : `${pipelineCoverage.toFixed(1)}×`}
          detail={`${format.moneyCompact(pipeline.amount)} open in ${format.count(pipeline.deals)} deals`}
        />
      </div>
    </section>
  );
}

import { ProgressBar } from "../../../components/ui/progress-bar";
import { Stat } from "../../../components/ui/stat";
import { StatusBadge, statusWords } from "../../../components/ui/status-badge";
import type { Formatters } from "../../../lib/format";
import { closedVerdict } from "../../../lib/period-verdict";
import type { GoalSummary } from "../api/summary";

/** The status and projection in one sentence an executive can repeat. */
export function paceSentence(
  summary: GoalSummary,
  format: Formatters,
  verdict: { words: string } | null = null,
): string {
  const end = format.day(summary.goal.endsOn);
  if (summary.status === "not_started" && summary.daysElapsed > 0) {
    return "Nothing is recorded in this period yet: connect your CRM or import a CSV to see the pace.";
  }
  if (summary.daysElapsed <= 0 || summary.projected === null) {
    return `The period starts on ${format.day(summary.goal.startsOn)}; nothing is expected yet.`;
  }
  const share = format.percent(summary.projected / summary.target, 0);
  const finished = summary.daysElapsed >= summary.daysInPeriod;
  const lead = finished
    ? `The period closed at ${format.money(summary.actual)}, ${share} of target`
    : `At this pace the company books ${format.money(summary.projected)} by ${end}, ${share} of target`;
  return `${lead}: ${(verdict?.words ?? statusWords[summary.status]).toLowerCase()}.`;
}

/** Last period's final result, beside this one's: did the company hit it, and by how much. */
function PreviousPeriod({
  previous,
  today,
  format,
}: {
  previous: GoalSummary;
  today: string;
  format: Formatters;
}) {
  const verdict = closedVerdict(previous, today, format);
  return (
    <p className="headline-previous">
      Last period, {previous.goal.name}: {format.money(previous.actual)} of{" "}
      {format.money(previous.target)} ({format.percent(previous.attainment ?? 0, 0)} of target)
      {verdict && `, ${verdict.words.charAt(0).toLowerCase()}${verdict.words.slice(1)}`}
    </p>
  );
}

export function HeadlineCard({
  summary,
  format,
  previous = null,
  today,
}: {
  summary: GoalSummary;
  format: Formatters;
  /** The organization's today: a period that ended before it is judged Met or Missed. */
  today: string;
  /** The summary of the period before, when there was a goal for it. */
  previous?: GoalSummary | null;
}) {
  const verdict = closedVerdict(summary, today, format);
  const attainment = summary.attainment ?? 0;
  const expectedShare = summary.expectedShare;
  // The one baseline: the same figure the gap bridge adds up to.
  const gapToPace = summary.contributions.gap;
  const daysLeft = Math.max(0, summary.daysInPeriod - summary.daysElapsed);
  const coverage = summary.pipelineCoverage;
  // Before the first fact nothing is behind: the pace is not measured yet (the status says so).
  const measured = summary.status !== "not_started";
  const finished = summary.daysElapsed >= summary.daysInPeriod;
  return (
    <section className="card span-12 headline" aria-labelledby="headline-title">
      <div className="headline-main">
        <h2 id="headline-title" className="eyebrow">
          Revenue booked · {summary.goal.name}
        </h2>
        <p className="headline-number">
          <span className="headline-actual" data-testid="headline-actual">
            {format.money(summary.actual)}
          </span>
          <span className="headline-target">of {format.money(summary.target)} target</span>
        </p>
        {previous && <PreviousPeriod previous={previous} today={today} format={format} />}
        <div className="headline-status">
          <StatusBadge status={verdict?.tone ?? summary.status} words={verdict?.words} large />
          <p className="headline-sentence">{paceSentence(summary, format, verdict)}</p>
        </div>
        <div className="headline-progress">
          <ProgressBar
            value={attainment}
            marker={expectedShare}
            tone={verdict?.tone ?? summary.status}
            label={`${format.percent(attainment)} of target booked; ${format.percent(expectedShare)} expected by now`}
          />
          <div className="headline-progress-legend">
            <span>
              <strong>{format.percent(attainment)}</strong> attained
            </span>
            <span className="pace-legend">
              <span className="pace-tick" aria-hidden="true" /> pace:{" "}
              {format.percent(expectedShare)} expected by {format.dayShort(summary.asOf)}
            </span>
          </div>
        </div>
      </div>
      <dl className="headline-stats">
        <Stat
          label="Expected to date"
          value={format.money(summary.expectedToDate)}
          hint={`${summary.pacing === "historical" ? "Historical" : "Linear"} pacing, day ${Math.max(0, summary.daysElapsed)} of ${summary.daysInPeriod}`}
        />
        {measured ? (
          <Stat
            label="Ahead or behind pace"
            value={format.moneySigned(gapToPace)}
            tone={gapToPace >= 0 ? "positive" : "negative"}
            hint={gapToPace >= 0 ? "ahead of the expected curve" : "behind the expected curve"}
          />
        ) : (
          <Stat label="Ahead or behind pace" value="—" hint="measured from the first data" />
        )}
        <Stat
          label="Projected"
          value={!measured || summary.projected === null ? "—" : format.money(summary.projected)}
          hint={
            !measured || summary.projected === null
              ? "no run rate yet"
              : `${format.percent(summary.projected / summary.target, 0)} of target at this run rate`
          }
        />
        {/* Open deals are today's: once the period has closed they no longer cover it. */}
        {!finished && (
          <Stat
            label="Pipeline coverage"
            value={
              coverage === null || summary.pipeline.deals === 0 ? "—" : `${coverage.toFixed(1)}×`
            }
            hint={
              summary.pipeline.deals === 0
                ? "no open deals yet; 3× is healthy"
                : `${format.money(summary.pipeline.amount)} open in ${format.count(summary.pipeline.deals)} deals; 3× is healthy`
            }
          />
        )}
        <Stat
          label="Days left"
          value={format.count(daysLeft)}
          hint={`ends ${format.day(summary.goal.endsOn)}`}
        />
      </dl>
    </section>
  );
}

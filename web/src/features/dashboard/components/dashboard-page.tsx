import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { useOrg } from "../../../app/org-context";
import { PageHeader } from "../../../components/ui/page-header";
import { ErrorState, LoadingState } from "../../../components/ui/states";
import { todayIn } from "../../../lib/format";
import { useAfterFirstPaint } from "../../../lib/use-after-first-paint";
import { ForecastCard } from "../../forecast/components/forecast-card";
import { previousGoal, useCurrentGoal } from "../../goals/api/goals";
import { GoalPicker } from "../../goals/components/goal-picker";
import { summaryQuery } from "../api/summary";
import { type StreamState, useGoalStream } from "../api/use-goal-stream";
import { CheckInFeed } from "./check-in-feed";
import { CumulativeCard } from "./cumulative-card";
import { FunnelCard } from "./funnel-card";
import { GapBridgeCard } from "./gap-bridge-card";
import { GettingStarted } from "./getting-started";
import { HeadlineCard } from "./headline-card";
import { KeyResultsCard } from "./key-results-card";

function isIsoDate(value: string | null): value is string {
  return value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

export function DashboardPage() {
  const { me, format } = useOrg();
  const { goals, goal, select } = useCurrentGoal(me.organization.timezone);
  const [params, setParams] = useSearchParams();
  const requestedAsOf = params.get("asOf");
  const asOf = isIsoDate(requestedAsOf) ? requestedAsOf : null;
  const summary = useQuery({
    ...summaryQuery(goal?.id ?? "", asOf),
    enabled: goal !== null,
  });
  const today = todayIn(me.organization.timezone);
  const closed = goal !== null && goal.endsOn < today;
  // Live only when showing today of an open period: a look back does not change.
  const live = useGoalStream(goal?.id ?? null, asOf === null && !closed && summary.isSuccess);
  const before = goal && goals.data ? previousGoal(goals.data, goal) : undefined;
  const previous = useQuery({ ...summaryQuery(before?.id ?? "", null), enabled: !!before });
  // The cards under the headline render once it is painted: on a first load the number is on
  // screen a render of the whole grid sooner (decision 053). They only add height below it,
  // so nothing on screen moves (the scrollbar's gutter is kept in styles.css).
  const painted = useAfterFirstPaint();

  const setAsOf = (value: string | null) => {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set("asOf", value);
        else next.delete("asOf");
        return next;
      },
      { replace: true },
    );
  };

  if (goals.isPending) {
    return (
      <>
        <PageHeader title="Dashboard" />
        <LoadingState label="Loading the goal…" rows={5} />
      </>
    );
  }
  if (goals.isError) {
    return (
      <>
        <PageHeader title="Dashboard" />
        <ErrorState error={goals.error} onRetry={() => goals.refetch()} />
      </>
    );
  }
  if (!goal) {
    return (
      <>
        <PageHeader title="Dashboard" description="The one number sales and marketing share." />
        <div className="grid">
          <GettingStarted />
        </div>
      </>
    );
  }

  const shownAsOf = summary.data?.asOf ?? asOf ?? today;
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={
          <>
            {goal.name} · {format.day(goal.startsOn)} – {format.day(goal.endsOn)}
            {closed && <span className="closed-flag"> · Closed period: its final result</span>}
          </>
        }
        actions={
          <>
            {!closed && <LiveBadge state={live} />}
            <GoalPicker goals={goals.data} value={goal.id} onChange={select} />
            <label className="inline-field">
              <span>As of</span>
              <input
                type="date"
                value={shownAsOf}
                min={goal.startsOn}
                max={[goal.endsOn, today].sort()[0]}
                onChange={(e) => setAsOf(e.target.value || null)}
              />
            </label>
            {asOf && (
              <button type="button" className="button small" onClick={() => setAsOf(null)}>
                Today
              </button>
            )}
          </>
        }
      />
      {summary.isPending ? (
        <LoadingState label="Loading the summary…" rows={6} />
      ) : summary.isError ? (
        <ErrorState error={summary.error} onRetry={() => summary.refetch()} />
      ) : (
        <div
          className={`grid${summary.isPlaceholderData ? " is-stale" : ""}`}
          aria-busy={summary.isFetching}
        >
          <GettingStarted hasGoal hasData={summary.data.funnel.actual.leads > 0} />
          <HeadlineCard
            summary={summary.data}
            format={format}
            previous={before && previous.data ? previous.data : null}
            today={today}
          />
          {painted && (
            <>
              <ForecastCard
                goalId={goal.id}
                asOf={asOf}
                closed={closed && summary.data.asOf >= goal.endsOn}
                format={format}
              />
              <CumulativeCard summary={summary.data} format={format} />
              <GapBridgeCard summary={summary.data} format={format} />
              <FunnelCard summary={summary.data} format={format} />
              <CheckInFeed
                checkIns={summary.data.checkIns}
                format={format}
                units={new Map(summary.data.keyResults.map((kr) => [kr.id, kr.unit]))}
              />
              <KeyResultsCard
                keyResults={summary.data.keyResults}
                format={format}
                expectedShare={summary.data.expectedShare}
              />
            </>
          )}
        </div>
      )}
    </>
  );
}

const liveWords: Record<StreamState, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  off: "",
};

function LiveBadge({ state }: { state: StreamState }) {
  if (state === "off") return null;
  return (
    <span
      className={`live-badge live-${state}`}
      role="status"
      title="Updates by itself after every change"
    >
      <span className="live-dot" aria-hidden="true" />
      {liveWords[state]}
    </span>
  );
}

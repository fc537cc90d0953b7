import { useQuery } from "@tanstack/react-query";
import { useOrg } from "../../../app/org-context";
import { Card } from "../../../components/ui/card";
import { PageHeader } from "../../../components/ui/page-header";
import { EmptyState, ErrorState, LoadingState } from "../../../components/ui/states";
import { type Formatters, todayIn } from "../../../lib/format";
import { type Goal, previousGoal, useCurrentGoal } from "../../goals/api/goals";
import { GoalPicker } from "../../goals/components/goal-picker";
import {
  type Forecast,
  type ForecastHistory,
  forecastHistoryQuery,
  forecastQuery,
} from "../api/forecast";
import { LagProfileChart } from "../charts/lag-profile-chart";
import { PartsOverTimeChart } from "../charts/parts-over-time-chart";
import { AccuracyCard } from "./accuracy-card";
import { CallsCard } from "./calls-card";
import { ForecastSummary } from "./forecast-card";
import { PipelineCategoriesCard } from "./pipeline-categories-card";
import "../forecast.css";

export function ForecastPage() {
  const { me, format } = useOrg();
  const { goals, goal, select } = useCurrentGoal(me.organization.timezone);
  if (goals.isPending) {
    return (
      <>
        <PageHeader title="Forecast" />
        <LoadingState label="Loading the goal…" rows={5} />
      </>
    );
  }
  if (goals.isError) {
    return (
      <>
        <PageHeader title="Forecast" />
        <ErrorState error={goals.error} onRetry={() => goals.refetch()} />
      </>
    );
  }
  if (!goal) {
    return (
      <>
        <PageHeader title="Forecast" />
        <EmptyState title="No goal yet">
          Set the period's shared target on the Plan page first.
        </EmptyState>
      </>
    );
  }
  const today = todayIn(me.organization.timezone);
  const previous = goal.endsOn < today ? goal : (previousGoal(goals.data, goal) ?? null);
  return (
    <>
      <PageHeader
        title="Forecast"
        description={`Where ${goal.name} will land given what both teams have in hand, and who moves it`}
        actions={<GoalPicker goals={goals.data} value={goal.id} onChange={select} />}
      />
      <ForecastScreens
        goal={goal}
        previous={previous}
        closed={goal.endsOn < today}
        format={format}
      />
    </>
  );
}

function ForecastScreens({
  goal,
  previous,
  closed,
  format,
}: {
  goal: Goal;
  previous: Goal | null;
  closed: boolean;
  format: Formatters;
}) {
  const forecast = useQuery(forecastQuery(goal.id, null));
  const history = useQuery(forecastHistoryQuery(goal.id));
  const past = useQuery({
    ...forecastHistoryQuery(previous?.id ?? ""),
    enabled: previous !== null && previous.id !== goal.id,
  });
  const pastHistory = previous?.id === goal.id ? history.data : past.data;
  return (
    <div className="grid forecast-page-grid">
      <Card title="Where we will land" span={12}>
        {forecast.isPending ? (
          <LoadingState label="Loading the forecast…" rows={3} />
        ) : forecast.isError ? (
          <ErrorState error={forecast.error} onRetry={() => forecast.refetch()} />
        ) : (
          <>
            <ForecastSummary forecast={forecast.data} closed={closed} format={format} />
            {forecast.data.status !== "not_started" && (
              <p className="forecast-moved">
                This period's leads are expected to bring{" "}
                {format.money(forecast.data.nextPeriod.expected)} next period: marketing's part of
                the next number.
              </p>
            )}
          </>
        )}
      </Card>
      <PipelineCategoriesCard forecast={forecast} format={format} />
      <Card title="The forecast over time" description="Week by week, by part" span={8}>
        {history.isPending ? (
          <LoadingState label="Loading the forecast's history…" rows={4} />
        ) : history.isError ? (
          <ErrorState error={history.error} onRetry={() => history.refetch()} />
        ) : history.data.points.length === 0 ? (
          <EmptyState title="Nothing yet">
            The period has not started: its first week shows here.
          </EmptyState>
        ) : forecast.data?.status === "not_started" ? (
          // Week by week it would only be the plan's leads to come, shrinking: nothing learned.
          <EmptyState title="Nothing recorded yet">
            Each week's forecast shows here once leads or deals have arrived.
          </EmptyState>
        ) : (
          <PartsOverTimeChart
            points={history.data.points}
            target={goal.target}
            final={history.data.final}
            format={format}
            summary={overTimeSummary(history.data, format)}
          />
        )}
      </Card>
      <Card title="The lag" description="When leads become revenue" span={4}>
        {forecast.isPending ? (
          <LoadingState rows={3} />
        ) : forecast.isError ? (
          <ErrorState error={forecast.error} onRetry={() => forecast.refetch()} />
        ) : (
          <LagCard forecast={forecast.data} goal={goal} format={format} />
        )}
      </Card>
      <CallsCard goalId={goal.id} forecast={forecast.data} closed={closed} format={format} />
      {previous && past.isError && previous.id !== goal.id ? (
        <Card title="How accurate we were" span={12}>
          <ErrorState error={past.error} onRetry={() => past.refetch()} />
        </Card>
      ) : previous && !pastHistory ? (
        <Card title="How accurate we were" span={12}>
          <LoadingState rows={4} />
        </Card>
      ) : (
        <AccuracyCard
          history={pastHistory}
          goalName={previous?.name ?? goal.name}
          format={format}
        />
      )}
    </div>
  );
}

function overTimeSummary(history: ForecastHistory, format: Formatters): string {
  const first = history.points[0];
  const last = history.points.at(-1);
  if (!first || !last) return "";
  const end = history.final === null ? "" : `; the period closed at ${format.money(history.final)}`;
  return `From ${format.money(first.total)} on ${format.dayShort(first.day)} to ${format.money(last.total)} on ${format.dayShort(last.day)}${end}.`;
}

function LagCard({
  forecast,
  goal,
  format,
}: {
  forecast: Forecast;
  goal: Goal;
  format: Formatters;
}) {
  const { lag } = forecast;
  const days = Math.round((Date.parse(goal.endsOn) - Date.parse(goal.startsOn)) / 86_400_000) + 1;
  if (lag.weeks.length === 0) {
    return (
      <EmptyState title="No wins to learn the lag from yet">
        Once leads have become won deals, this shows how many weeks that takes.
      </EmptyState>
    );
  }
  const summary = `${format.percent(lag.q0, 0)} of a period's lead wins close in the same period, ${format.percent(lag.q1, 0)} in the next; half take ${lag.medianDays ?? "—"} days or less.`;
  return (
    <>
      <dl className="lag-stats">
        <div>
          <dt>Same period (q0)</dt>
          <dd>{format.percent(lag.q0, 0)}</dd>
        </div>
        <div>
          <dt>Next period (q1)</dt>
          <dd>{format.percent(lag.q1, 0)}</dd>
        </div>
        <div>
          <dt>Median lead → won</dt>
          <dd>{lag.medianDays === null ? "—" : `${lag.medianDays} days`}</dd>
        </div>
      </dl>
      <LagProfileChart
        weeks={lag.weeks}
        periodWeeks={Math.round(days / 7)}
        format={format}
        summary={summary}
      />
    </>
  );
}

import type { DbOrTx } from "@tandem/db";
import { forecastFacts } from "@tandem/db/queries/forecast-facts";
import type { GoalRow } from "@tandem/db/queries/goals";
import {
  addCalendarDays,
  boundAsOf,
  daysInPeriod,
  FORECAST_HISTORY_PERIODS,
  type Forecast,
  forecastPeriod,
  type Pacing,
  type Period,
  summarizePace,
  weekStart,
} from "../revenue";
import { revenueHistory } from "../summary/build-summary";
import { todayIn } from "../summary/org-calendar";

export interface ForecastOptions {
  /** YYYY-MM-DD; default today in the organization's timezone; bounded by boundAsOf. */
  asOf?: string;
  timezone: string;
  now?: Date;
}

/** The model's forecast of a goal as of a day, from rollups only. */
export async function computeForecast(
  db: DbOrTx,
  goal: GoalRow,
  options: ForecastOptions,
): Promise<{ forecast: Forecast; runRate: number | null }> {
  const period: Period = { startsOn: goal.startsOn, endsOn: goal.endsOn };
  const asOf = boundAsOf(period, todayIn(options.timezone, options.now), options.asOf);
  const historyFrom = addCalendarDays(
    period.startsOn,
    -FORECAST_HISTORY_PERIODS * daysInPeriod(period),
  );
  const [facts, history] = await Promise.all([
    forecastFacts(db, goal.orgId, {
      startsOn: period.startsOn,
      endsOn: period.endsOn,
      asOf,
      historyFrom,
      cohortsFrom: weekStart(historyFrom),
    }),
    goal.pacing === "historical" ? revenueHistory(db, goal.orgId, period) : Promise.resolve([]),
  ]);
  const thresholds = { onTrack: goal.onTrackThreshold, atRisk: goal.atRiskThreshold };
  const forecast = forecastPeriod({
    ...facts,
    period,
    asOf,
    target: goal.target,
    thresholds,
    plan: {
      leads: goal.planLeads,
      leadToMql: goal.leadToMql,
      mqlToSql: goal.mqlToSql,
      sqlToWon: goal.sqlToWon,
      avgDealSize: goal.avgDealSize,
    },
  });
  // The run rate beside it is the summary's projection, computed by the same function.
  const pacing: Pacing =
    goal.pacing === "historical" ? { method: "historical", history } : { method: "linear" };
  const pace = summarizePace({
    period,
    asOf,
    target: goal.target,
    actual: facts.booked,
    openPipeline: 0,
    pacing,
    thresholds,
  });
  return { forecast, runRate: asOf < period.startsOn ? null : pace.projected };
}

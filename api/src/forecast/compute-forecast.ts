import type { DbOrTx } from "@tandem/db";
import { forecastHistoryCells, forecastPeriodFacts } from "@tandem/db/queries/forecast-facts";
import type { GoalRow } from "@tandem/db/queries/goals";
import {
  addCalendarDays,
  boundAsOf,
  daysInPeriod,
  FORECAST_HISTORY_PERIODS,
  type Forecast,
  forecastWithHistory,
  historyStart,
  type LearnedHistory,
  learnHistory,
  type Pacing,
  type Period,
  summarizePace,
} from "../revenue";
import { revenueHistory } from "../summary/build-summary";
import { todayIn } from "../summary/org-calendar";

export interface ForecastOptions {
  /** YYYY-MM-DD; default today in the organization's timezone; bounded by boundAsOf. */
  asOf?: string;
  timezone: string;
  now?: Date;
  /**
   * Keeps what the history teaches by a key of the organization's facts read (the period's
   * dates and asOf); the live hub's caches keep it until a change notice (decision 042).
   * Absent: learned on every call.
   */
  history?: HistoryMemo;
}

export type HistoryMemo = (
  key: string,
  learn: () => Promise<LearnedHistory>,
) => Promise<LearnedHistory>;

const learnEveryTime: HistoryMemo = (_key, learn) => learn();

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
  const cohortsFrom = historyStart(period);
  const memo = options.history ?? learnEveryTime;
  const [facts, learned, history] = await Promise.all([
    forecastPeriodFacts(db, goal.orgId, { startsOn: period.startsOn, endsOn: period.endsOn, asOf }),
    // Everything the history read depends on is in the key: the period's dates and asOf.
    memo(`${period.startsOn}|${period.endsOn}|${asOf}`, async () =>
      learnHistory(
        await forecastHistoryCells(db, goal.orgId, {
          startsOn: period.startsOn,
          asOf,
          historyFrom,
          cohortsFrom,
        }),
        cohortsFrom,
        asOf,
      ),
    ),
    goal.pacing === "historical" ? revenueHistory(db, goal.orgId, period) : Promise.resolve([]),
  ]);
  const thresholds = { onTrack: goal.onTrackThreshold, atRisk: goal.atRiskThreshold };
  const forecast = forecastWithHistory(
    {
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
    },
    learned,
  );
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

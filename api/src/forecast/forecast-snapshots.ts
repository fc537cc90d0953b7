import type { DbOrTx } from "@tandem/db";
import {
  hasForecastSnapshot,
  insertForecastSnapshot,
  type NewForecastSnapshot,
  snapshotOnOrBefore,
} from "@tandem/db/queries/forecast-history";
import type { GoalRow } from "@tandem/db/queries/goals";
import { addCalendarDays, type Forecast } from "../revenue";
import { todayIn } from "../summary/org-calendar";
import { computeForecast } from "./compute-forecast";

type Computed = { forecast: Forecast; runRate: number | null };

export function snapshotOf(goalId: string, { forecast: f, runRate }: Computed, replayed: boolean) {
  return {
    goalId,
    day: f.asOf,
    booked: f.booked,
    pipeline: f.pipeline.expected,
    leadsInHand: f.leadsInHand.expected,
    leadsToCome: f.leadsToCome.expected,
    total: f.total,
    low: f.low,
    high: f.high,
    runRate: runRate === null ? null : Math.round(runRate),
    wonDeals: f.history.wonDeals,
    enough: f.history.enough,
    replayed,
  } satisfies NewForecastSnapshot;
}

const inPeriod = (goal: GoalRow, day: string) => day >= goal.startsOn && day <= goal.endsOn;

/**
 * Stores today's forecast once: the first request (or change, through the live stream) of the
 * organization's day writes it; every later one finds it and writes nothing. `computed` is the
 * forecast the caller already has for today, so recording costs no second computation.
 */
export async function recordTodaysForecast(
  db: DbOrTx,
  goal: GoalRow,
  timezone: string,
  computed?: Computed,
  now?: Date,
): Promise<void> {
  const today = todayIn(timezone, now);
  if (!inPeriod(goal, today)) return;
  if (computed && computed.forecast.asOf !== today) return;
  if (await hasForecastSnapshot(db, goal.orgId, goal.id, today)) return;
  const forecast = computed ?? (await computeForecast(db, goal, { asOf: today, timezone, now }));
  await insertForecastSnapshot(db, goal.orgId, snapshotOf(goal.id, forecast, false));
}

/**
 * The forecast of `day` as it was stored, or, when no request came that day, replayed from the
 * rollups as of that day (which read nothing dated later) and stored, marked replayed.
 */
export async function forecastOfDay(
  db: DbOrTx,
  goal: GoalRow,
  day: string,
  timezone: string,
): Promise<NewForecastSnapshot> {
  const stored = await snapshotOnOrBefore(db, goal.orgId, goal.id, day);
  if (stored && stored.day === day) return stored;
  const replayed = snapshotOf(
    goal.id,
    await computeForecast(db, goal, { asOf: day, timezone }),
    true,
  );
  await insertForecastSnapshot(db, goal.orgId, replayed);
  return replayed;
}

export type ForecastMove = {
  since: string;
  total: number;
  booked: number;
  pipeline: number;
  leadsInHand: number;
  leadsToCome: number;
};

/**
 * How the forecast moved since a week before asOf, part by part (minor units), or null in the
 * period's first week.
 */
export async function forecastMove(
  db: DbOrTx,
  goal: GoalRow,
  current: Forecast,
  timezone: string,
): Promise<ForecastMove | null> {
  const since = addCalendarDays(current.asOf, -7);
  if (!inPeriod(goal, since)) return null;
  const then = await forecastOfDay(db, goal, since, timezone);
  return {
    since,
    total: current.total - then.total,
    booked: current.booked - then.booked,
    pipeline: current.pipeline.expected - then.pipeline,
    leadsInHand: current.leadsInHand.expected - then.leadsInHand,
    leadsToCome: current.leadsToCome.expected - then.leadsToCome,
  };
}

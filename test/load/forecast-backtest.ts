import { createDb } from "@tandem/db";
import { demoOrganization } from "@tandem/db/demo";
import { listGoals } from "@tandem/db/queries/goals";
import { computeForecast } from "../../api/src/forecast/compute-forecast";
import { addCalendarDays } from "../../api/src/revenue";

/** The days of a period the backtest forecasts from (day 1 is the period's first day). */
export const BACKTEST_DAYS = [30, 45, 60] as const;

export interface BacktestPoint {
  goal: string;
  day: number;
  asOf: string;
  final: number;
  forecast: number;
  runRate: number;
  /** The forecast's chances came from the organization's history, not the plan's rates. */
  learned: boolean;
}

export interface BacktestFigures {
  points: BacktestPoint[];
  /** Per day: mean absolute error, as a share of each period's final revenue. */
  byDay: { day: number; forecastMae: number; runRateMae: number; periods: number }[];
}

/**
 * Replays the forecast at days 30, 45 and 60 of each closed period of the demo company, as it
 * was that day (the forecast reads nothing dated later), next to the run rate of the same day,
 * and scores both against the period's final revenue. Money in minor units.
 */
export async function backtestForecast(
  databaseUrl: string,
  today: string,
): Promise<BacktestFigures> {
  const database = createDb({ url: databaseUrl, max: 2 });
  try {
    const { db } = database;
    const timezone = demoOrganization.timezone;
    const closed = (await listGoals(db, demoOrganization.id)).filter((g) => g.endsOn < today);
    const points: BacktestPoint[] = [];
    for (const goal of closed) {
      const { forecast: end } = await computeForecast(db, goal, { asOf: goal.endsOn, timezone });
      const final = end.booked;
      for (const day of BACKTEST_DAYS) {
        const asOf = addCalendarDays(goal.startsOn, day - 1);
        if (asOf > goal.endsOn) continue;
        const { forecast, runRate } = await computeForecast(db, goal, { asOf, timezone });
        points.push({
          goal: goal.name,
          day,
          asOf,
          final,
          forecast: forecast.total,
          runRate: runRate ?? 0,
          learned: forecast.history.enough,
        });
      }
    }
    const byDay = BACKTEST_DAYS.map((day) => {
      const at = points.filter((p) => p.day === day && p.final > 0);
      const mae = (pick: (p: BacktestPoint) => number) =>
        at.length === 0
          ? Number.NaN
          : at.reduce((s, p) => s + Math.abs(pick(p) - p.final) / p.final, 0) / at.length;
      return {
        day,
        forecastMae: mae((p) => p.forecast),
        runRateMae: mae((p) => p.runRate),
        periods: at.length,
      };
    });
    return { points, byDay };
  } finally {
    await database.close();
  }
}

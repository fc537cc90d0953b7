import type { DbOrTx } from "@tandem/db";
import type { GoalRow } from "@tandem/db/queries/goals";
import { minorDigits } from "../lib/money";
import type { Forecast } from "../revenue";
import { computeForecast, type ForecastOptions } from "./compute-forecast";
import type { ForecastView } from "./forecast-schema";
import { type ForecastMove, forecastMove, recordTodaysForecast } from "./forecast-snapshots";

export function forecastView(
  goal: Pick<GoalRow, "id" | "currency">,
  { forecast: f, runRate }: { forecast: Forecast; runRate: number | null },
  move: ForecastMove | null = null,
): ForecastView {
  const scale = 10 ** minorDigits(goal.currency);
  const major = (minor: number) => minor / scale;
  return {
    goalId: goal.id,
    asOf: f.asOf,
    currency: goal.currency,
    target: major(f.target),
    booked: major(f.booked),
    pipeline: {
      expected: major(f.pipeline.expected),
      deals: f.pipeline.deals,
      amount: major(f.pipeline.amount),
      byCategory: f.pipeline.byCategory.map((part) => ({
        ...part,
        amount: major(part.amount),
        expected: major(part.expected),
      })),
      categoriesFrom: f.pipeline.categoriesFrom,
    },
    leadsInHand: { expected: major(f.leadsInHand.expected), leads: f.leadsInHand.leads },
    leadsToCome: { expected: major(f.leadsToCome.expected), leads: f.leadsToCome.leads },
    total: major(f.total),
    low: major(f.low),
    high: major(f.high),
    runRate: runRate === null ? null : Math.round(runRate) / scale,
    status: f.status,
    lag: f.lag,
    leadsNeeded: f.reverseFunnel.whole,
    naiveLeadsNeeded: f.reverseFunnel.naiveLeads,
    winsNeeded: f.reverseFunnel.winsNeeded,
    winsInHand: f.reverseFunnel.winsInHand,
    nextPeriod: { expected: major(f.nextPeriod.expected) },
    moved: move && {
      since: move.since,
      total: major(move.total),
      booked: major(move.booked),
      pipeline: major(move.pipeline),
      leadsInHand: major(move.leadsInHand),
      leadsToCome: major(move.leadsToCome),
    },
    history: f.history,
  };
}

/**
 * The forecast as the API answers it: computed, with how it moved in a week; today's is
 * recorded as the day's snapshot if it is the first of the day.
 */
export async function buildForecast(
  db: DbOrTx,
  goal: GoalRow,
  options: ForecastOptions,
): Promise<ForecastView> {
  const computed = await computeForecast(db, goal, options);
  const [move] = await Promise.all([
    forecastMove(db, goal, computed.forecast, options.timezone),
    recordTodaysForecast(db, goal, options.timezone, computed, options.now),
  ]);
  return forecastView(goal, computed, move);
}

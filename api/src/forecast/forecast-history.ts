import type { DbOrTx } from "@tandem/db";
import {
  type ForecastCallWithContext,
  listForecastCalls,
  wonInPeriodByCreationDay,
} from "@tandem/db/queries/forecast-history";
import type { GoalRow } from "@tandem/db/queries/goals";
import { toMajorUnits } from "../lib/money";
import { accuracyOf, addCalendarDays, finalParts, weeklyDays } from "../revenue";
import { startOfDayIn, todayIn } from "../summary/org-calendar";
import { type CallPart, callParts } from "./calls-schema";
import { computeForecast, type HistoryMemo } from "./compute-forecast";
import type { ForecastHistoryView } from "./forecast-history-schema";
import { forecastOfDay, recordTodaysForecast, snapshotOf } from "./forecast-snapshots";

type Amounts = { commit: number; bestCase: number };

/** Each part's call at the end of `day`: the sum of its teams' latest calls made by then. */
function callsAt(
  calls: readonly ForecastCallWithContext[],
  day: string,
  timezone: string,
): Record<CallPart | "joint", Amounts | null> {
  const end = startOfDayIn(addCalendarDays(day, 1), timezone).getTime();
  const latest = new Map<string, ForecastCallWithContext>();
  // Newest first: the first call seen of a team is its latest by then.
  for (const row of calls) {
    if (row.call.createdAt.getTime() >= end || latest.has(row.team.id)) continue;
    latest.set(row.team.id, row);
  }
  const byPart = Object.fromEntries(
    callParts.map((part) => {
      const rows = [...latest.values()].filter((r) => r.team.function === part);
      return [
        part,
        rows.length === 0
          ? null
          : {
              commit: rows.reduce((sum, r) => sum + r.call.commit, 0),
              bestCase: rows.reduce((sum, r) => sum + r.call.bestCase, 0),
            },
      ];
    }),
  ) as Record<CallPart, Amounts | null>;
  const { sales, marketing } = byPart;
  const joint =
    sales && marketing
      ? { commit: sales.commit + marketing.commit, bestCase: sales.bestCase + marketing.bestCase }
      : null;
  return { ...byPart, joint };
}

/**
 * The goal's forecast week by week (each week's last day, then today), as it was said that day
 * or replayed from the rollups as of it, with the teams' calls of the time; once the period is
 * over, each compared with what the period and each part finally came to.
 */
export async function buildForecastHistory(
  db: DbOrTx,
  goal: GoalRow,
  timezone: string,
  /** The caller's memo of what the history teaches (decision 042), for today's forecast. */
  learned?: HistoryMemo,
): Promise<ForecastHistoryView> {
  const period = { startsOn: goal.startsOn, endsOn: goal.endsOn };
  const today = todayIn(timezone);
  const closed = today > period.endsOn;
  const days = weeklyDays(period).filter((day) => day < today);
  const points = [];
  // One at a time: a first visit replays up to a period's weeks, and need not take every connection.
  for (const day of days) points.push(await forecastOfDay(db, goal, day, timezone));
  if (!closed && today >= period.startsOn) {
    // Today's point is today's forecast as the Forecast card shows it, changes of the day
    // included; the day's first, stored as its snapshot, is what later days compare with.
    const computed = await computeForecast(db, goal, { asOf: today, timezone, history: learned });
    await recordTodaysForecast(db, goal, timezone, computed);
    points.push(snapshotOf(goal.id, computed, false));
  }
  const [calls, won] = await Promise.all([
    listForecastCalls(db, goal.orgId, goal.id),
    closed ? wonInPeriodByCreationDay(db, goal.orgId, period) : Promise.resolve([]),
  ]);
  const major = (minor: number) => toMajorUnits(minor, goal.currency);
  const majorAmounts = (a: Amounts | null) =>
    a && { commit: major(a.commit), bestCase: major(a.bestCase) };
  const final = closed ? finalParts(won, period.startsOn).total : null;
  return {
    goalId: goal.id,
    currency: goal.currency,
    closed,
    final: final === null ? null : major(final),
    points: points.map((p) => {
      const called = callsAt(calls, p.day, timezone);
      const parts = closed ? finalParts(won, p.day) : null;
      return {
        day: p.day,
        booked: major(p.booked),
        pipeline: major(p.pipeline),
        leadsInHand: major(p.leadsInHand),
        leadsToCome: major(p.leadsToCome),
        total: major(p.total),
        low: major(p.low),
        high: major(p.high),
        runRate: p.runRate === null ? null : major(p.runRate),
        replayed: p.replayed,
        calls: {
          sales: majorAmounts(called.sales),
          marketing: majorAmounts(called.marketing),
          joint: majorAmounts(called.joint),
        },
        accuracy: parts && {
          forecast: accuracyOf(p.total, parts.total),
          runRate: p.runRate === null ? null : accuracyOf(p.runRate, parts.total),
          sales: called.sales && accuracyOf(called.sales.commit, parts.sales),
          marketing: called.marketing && accuracyOf(called.marketing.commit, parts.marketing),
          joint: called.joint && accuracyOf(called.joint.commit, parts.total),
        },
      };
    }),
  };
}

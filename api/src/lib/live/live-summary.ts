import type { DbOrTx } from "@tandem/db";
import { findGoalWithTimezone, recentWins } from "@tandem/db/queries/displays";
import type { GoalRow } from "@tandem/db/queries/goals";
import { buildForecast } from "../../forecast/build-forecast";
import { compactForecast } from "../../forecast/forecast-compact";
import type { ForecastView } from "../../forecast/forecast-schema";
import { buildSummary } from "../../summary/build-summary";
import { dayRangeIn } from "../../summary/org-calendar";
import { toMajorUnits } from "../money";
import type { LiveSummary } from "./live-summary-schema";

/** Enough rows to fill the TV's wins panel; the query's cost is this limit, not history. */
export const RECENT_WINS_LIMIT = 8;

/** A goal's live summary, or null when the goal no longer exists in the organization. */
export async function buildLiveSummary(
  db: DbOrTx,
  orgId: string,
  goalId: string,
  now: Date = new Date(),
  /** Today's forecast of the goal; the live hub passes its cached one (read-caches.ts). */
  forecastOf: (goal: GoalRow, timezone: string) => Promise<ForecastView> = (goal, timezone) =>
    buildForecast(db, goal, { timezone, now }),
): Promise<LiveSummary | null> {
  const found = await findGoalWithTimezone(db, orgId, goalId);
  if (!found) return null;
  const { goal, timezone } = found;
  // The forecast rides along (and a change of the day records its snapshot), so the TV and
  // the dashboard's forecast update by themselves.
  const [summary, forecast] = await Promise.all([
    buildSummary(db, goal, { timezone, now }),
    forecastOf(goal, timezone),
  ]);
  // Wins of the goal's period up to the summary's day, the same window as its numbers.
  const wins =
    summary.asOf < goal.startsOn
      ? []
      : await recentWins(
          db,
          orgId,
          dayRangeIn(goal.startsOn, summary.asOf, timezone),
          RECENT_WINS_LIMIT,
        );
  // From the data itself, so every process and every restart gives the same answer.
  const newest = Math.max(
    goal.updatedAt.getTime(),
    ...summary.checkIns.map((c) => Date.parse(c.createdAt)),
    ...wins.map((w) => w.closedAt?.getTime() ?? 0),
  );
  return {
    ...summary,
    forecast: compactForecast(forecast),
    updatedAt: new Date(newest).toISOString(),
    recentWins: wins.map((win) => ({
      dealId: win.externalId,
      amount: toMajorUnits(win.amount, goal.currency),
      closedAt: win.closedAt ? win.closedAt.toISOString() : null,
      owner: win.owner,
      leadSource: win.leadSource,
      firstTouch:
        win.firstTouchChannel === null
          ? null
          : { channel: win.firstTouchChannel, campaign: win.firstTouchCampaign ?? "" },
    })),
  };
}

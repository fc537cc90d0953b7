import type { DbOrTx } from "../client";
import { wonInPeriodByCreationDay } from "../queries/forecast-history";
import type { forecastCalls } from "../schema/index";
import type { DemoCalendar } from "./calendar";
import type { Rng } from "./prng";

type CallRow = typeof forecastCalls.$inferInsert;
const HOUR = 3600;

export interface CallingTeam {
  teamId: string;
  authorId: string;
  part: "sales" | "marketing";
}

/**
 * How a team's call errs, as a share of what its part finally came to, by how far the period
 * is (0 to 1): sales commits a little under what it will close (sandbagging) and sees its
 * pipeline sharper week by week; marketing starts optimistic about leads still to come and
 * converges as they arrive. Both end within a few percent, so a closed period shows calls that
 * were off early and accurate late, as real teams' are.
 */
const callError = {
  sales: (elapsed: number, rng: Rng) => -0.06 + (0.18 * (1 - elapsed) + 0.03) * rng.normal(),
  marketing: (elapsed: number, rng: Rng) =>
    0.12 * (1 - elapsed) + (0.25 * (1 - elapsed) + 0.04) * rng.normal(),
};

/** Whole hundreds of major units, as a lead states a call; never negative. */
const roundCall = (minor: number) => Math.max(0, Math.round(minor / 10_000) * 10_000);

/**
 * The weekly calls of the sales and marketing leads in each closed quarter, made on the
 * quarter's days 7, 14, ... and its last, each from what their part finally came to (the won
 * deals created by that day for sales, the later ones for marketing: the split the accuracy
 * uses) with the errors above.
 * Written after the facts, since it reads the quarter's won deals.
 */
export async function buildPastCalls(
  tx: DbOrTx,
  orgId: string,
  calendar: DemoCalendar,
  pastGoals: readonly { id: string; startsOn: string }[],
  teams: readonly CallingTeam[],
  rng: Rng,
): Promise<CallRow[]> {
  const calls: CallRow[] = [];
  for (const goal of pastGoals) {
    const quarter = calendar.quarters.find((q) => q.startsOn === goal.startsOn);
    if (!quarter) continue;
    const won = await wonInPeriodByCreationDay(tx, orgId, quarter);
    const length = quarter.lastDay - quarter.firstDay + 1;
    // The days each call is judged on (days 7, 14, ... and the last; the Forecast page's
    // weeks): the leads call that morning, from the same split of the final revenue.
    const judged = new Set<number>([quarter.lastDay]);
    for (let i = quarter.firstDay + 6; i <= quarter.lastDay; i += 7) judged.add(i);
    for (const index of [...judged].sort((a, b) => a - b)) {
      const day = calendar.days[index];
      if (!day) continue;
      const elapsed = (index - quarter.firstDay + 1) / length;
      const monday = calendar.days[index - ((day.weekday + 6) % 7)]?.iso ?? day.iso;
      let sales = 0;
      let total = 0;
      for (const row of won) {
        total += row.amount;
        if (row.createdOn <= day.iso) sales += row.amount;
      }
      const finalOf = { sales, marketing: total - sales };
      for (const team of teams) {
        const commit = roundCall(finalOf[team.part] * (1 + callError[team.part](elapsed, rng)));
        const spread = 1.08 + 0.12 * (1 - elapsed);
        calls.push({
          orgId,
          id: `call_${calls.length + 1}`,
          goalId: goal.id,
          teamId: team.teamId,
          week: monday,
          commit,
          bestCase: Math.max(commit, roundCall(commit * spread)),
          note: "",
          authorId: team.authorId,
          createdAt: new Date((day.startSec + (team.part === "sales" ? 9 : 10) * HOUR) * 1000),
        });
      }
    }
  }
  return calls;
}

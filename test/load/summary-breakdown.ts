import { createDb } from "@tandem/db";
import { DEMO_GOAL_ID, demoOrganization, demoPeople } from "@tandem/db/demo";
import { dailyFlows, openPipeline } from "@tandem/db/queries/funnel-totals";
import { findGoal } from "@tandem/db/queries/goals";
import { checkInFeed, latestCheckIns, listKeyResults } from "@tandem/db/queries/key-results";
import { findMembership } from "@tandem/db/queries/members";
import { medianSpeedToLeadHours } from "@tandem/db/queries/speed-rollups";
import { buildSummary } from "../../api/src/summary/build-summary";

/** Median milliseconds of each query the summary request makes, one at a time, no load. */
export type SummaryBreakdown = Record<string, number>;

const RUNS = 15;

/** What each step reads, for the report. */
export const BREAKDOWN_READS: Record<string, string> = {
  membership: "member, organization",
  goal: "goals",
  "daily flows (rollups)": "daily_rollups of the period",
  "open pipeline (rollups)": "daily_rollups, all days",
  "key results": "key_results, teams",
  "median speed-to-lead (rollups)": "daily_speed_rollups of the period",
  "latest check-ins": "check_ins",
  "check-in feed": "check_ins, users",
  "buildSummary, all of it": "the queries above but membership and goal, partly in parallel",
};

/**
 * Where a summary's time goes at a data set's size: each query it makes, timed alone and in
 * sequence, and buildSummary as a whole without HTTP. When the summary misses its budget this
 * names the query that grows with the data.
 */
export async function summaryBreakdown(
  databaseUrl: string,
  asOf: string,
): Promise<SummaryBreakdown> {
  const database = createDb({ url: databaseUrl, max: 1 });
  const db = database.db;
  const orgId = demoOrganization.id;
  try {
    const goal = await findGoal(db, orgId, DEMO_GOAL_ID);
    if (!goal) throw new Error(`no goal ${DEMO_GOAL_ID} in the data set`);
    const timezone = demoOrganization.timezone;
    const keyResultIds = (await listKeyResults(db, orgId, goal.id)).map((r) => r.keyResult.id);
    const ownerId = demoPeople.find((p) => p.role === "owner")?.userId ?? "";
    const steps: [string, () => Promise<unknown>][] = [
      ["membership", () => findMembership(db, orgId, ownerId)],
      ["goal", () => findGoal(db, orgId, goal.id)],
      ["daily flows (rollups)", () => dailyFlows(db, orgId, goal.startsOn, asOf)],
      ["open pipeline (rollups)", () => openPipeline(db, orgId, asOf)],
      ["key results", () => listKeyResults(db, orgId, goal.id)],
      [
        "median speed-to-lead (rollups)",
        () => medianSpeedToLeadHours(db, orgId, goal.startsOn, asOf),
      ],
      ["latest check-ins", () => latestCheckIns(db, orgId, keyResultIds)],
      ["check-in feed", () => checkInFeed(db, orgId, goal.id, 20)],
      ["buildSummary, all of it", () => buildSummary(db, goal, { asOf, timezone })],
    ];
    const breakdown: SummaryBreakdown = {};
    for (const [name, run] of steps) breakdown[name] = await medianMs(run);
    return breakdown;
  } finally {
    await database.close();
  }
}

async function medianMs(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)] ?? Number.NaN;
}

import type { DbOrTx } from "@tandem/db";
import { dailyFlows, openPipeline } from "@tandem/db/queries/funnel-totals";
import type { GoalRow } from "@tandem/db/queries/goals";
import { checkInFeed, latestCheckIns, listKeyResults } from "@tandem/db/queries/key-results";
import { medianSpeedToLeadHours } from "@tandem/db/queries/speed-rollups";
import { minorDigits } from "../lib/money";
import {
  addCalendarDays,
  boundAsOf,
  type CumulativeRevenue,
  daysInPeriod,
  type FunnelCounts,
  MAX_HISTORY_PERIODS,
  type Pacing,
  type Period,
  paceGap,
  periodDates,
  plannedFunnel,
  shareAfterDays,
  summarizePace,
} from "../revenue";
import { checkInView, keyResultView } from "./key-result-view";
import { startOfDayIn, todayIn } from "./org-calendar";
import type { GoalSummary } from "./summary-schema";

export interface SummaryOptions {
  /** YYYY-MM-DD; default today in the organization's timezone; bounded by boundAsOf. */
  asOf?: string;
  timezone: string;
  now?: Date;
  feedSize?: number;
  /** An archived key result to include anyway (its own edit answers with its view). */
  alsoKeyResultId?: string;
}

const emptyFunnel = (): FunnelCounts => ({ leads: 0, mqls: 0, sqls: 0, wins: 0, revenue: 0 });

/**
 * Cumulative revenue of each of the (up to four) periods of the same length just before this
 * one, most recent first, for historical pacing. One rollup query for all of them.
 */
export async function revenueHistory(
  db: DbOrTx,
  orgId: string,
  period: Period,
): Promise<CumulativeRevenue[]> {
  const length = daysInPeriod(period);
  const from = addCalendarDays(period.startsOn, -length * MAX_HISTORY_PERIODS);
  const to = addCalendarDays(period.startsOn, -1);
  const byDay = new Map((await dailyFlows(db, orgId, from, to)).map((d) => [d.day, d.revenue]));
  // The dates of all four earlier periods at once, oldest first: period k starts at (4-k)·length.
  const dates = periodDates({ startsOn: from, endsOn: to });
  const history: CumulativeRevenue[] = [];
  for (let k = 1; k <= MAX_HISTORY_PERIODS; k++) {
    const offset = (MAX_HISTORY_PERIODS - k) * length;
    let running = 0;
    const cumulative: number[] = [];
    for (let i = 0; i < length; i++) {
      running += byDay.get(dates[offset + i] ?? "") ?? 0;
      cumulative.push(running);
    }
    if (running > 0) history.push(cumulative);
  }
  return history;
}

/**
 * The goal summary, from the daily rollups only (and the speed-to-lead histogram when a key
 * result tracks it): its cost grows with the days of the period, not with history.
 */
export async function buildSummary(
  db: DbOrTx,
  goal: GoalRow,
  options: SummaryOptions,
): Promise<GoalSummary> {
  const now = options.now ?? new Date();
  const { timezone } = options;
  const period: Period = { startsOn: goal.startsOn, endsOn: goal.endsOn };
  const asOf = boundAsOf(period, todayIn(timezone, now), options.asOf);
  const lastDay = asOf < goal.startsOn ? null : asOf;

  const [flows, pipeline, keyResultRows, history] = await Promise.all([
    lastDay ? dailyFlows(db, goal.orgId, goal.startsOn, lastDay) : Promise.resolve([]),
    openPipeline(db, goal.orgId, asOf),
    listKeyResults(db, goal.orgId, goal.id, options.alsoKeyResultId),
    goal.pacing === "historical" ? revenueHistory(db, goal.orgId, period) : Promise.resolve([]),
  ]);

  const actual = emptyFunnel();
  const revenueByDay = new Map<string, number>();
  for (const day of flows) {
    actual.leads += day.leads;
    actual.mqls += day.mqls;
    actual.sqls += day.sqls;
    actual.wins += day.wins;
    actual.revenue += day.revenue;
    revenueByDay.set(day.day, day.revenue);
  }

  const pacing: Pacing =
    goal.pacing === "historical" ? { method: "historical", history } : { method: "linear" };
  const pace = summarizePace({
    period,
    asOf,
    target: goal.target,
    actual: actual.revenue,
    openPipeline: pipeline.amount,
    pacing,
    thresholds: { onTrack: goal.onTrackThreshold, atRisk: goal.atRiskThreshold },
  });
  const planned = plannedFunnel(goal.target, {
    leads: goal.planLeads,
    leadToMql: goal.leadToMql,
    mqlToSql: goal.mqlToSql,
    sqlToWon: goal.sqlToWon,
    avgDealSize: goal.avgDealSize,
  });
  const gap = paceGap({ target: goal.target, share: pace.share, planned, actual });
  const plan = gap.planToDate;

  const scale = 10 ** minorDigits(goal.currency);
  const major = (minor: number) => minor / scale;
  const money = (minor: number) => Math.round(minor) / scale;
  const funnelView = (f: FunnelCounts) => ({ ...f, revenue: major(f.revenue) });

  const dates = periodDates(period);
  const total = dates.length;
  let cumulative = 0;
  const series = dates.map((date, index) => {
    const withinAsOf = lastDay !== null && date <= lastDay;
    if (withinAsOf) cumulative += revenueByDay.get(date) ?? 0;
    return {
      date,
      actual: withinAsOf ? money(cumulative) : null,
      expected: money(goal.target * shareAfterDays(index + 1, total, pacing)),
    };
  });

  // Looking back, the key results show the check-ins made by the end of asOf, as that day did.
  const knownUntil = startOfDayIn(addCalendarDays(asOf, 1), timezone);
  const needsSpeed = keyResultRows.some((r) => r.keyResult.metric === "median_speed_to_lead");
  const [speed, latest, feed] = await Promise.all([
    needsSpeed && lastDay
      ? medianSpeedToLeadHours(db, goal.orgId, goal.startsOn, lastDay)
      : Promise.resolve(null),
    latestCheckIns(
      db,
      goal.orgId,
      keyResultRows.map((r) => r.keyResult.id),
      knownUntil,
    ),
    checkInFeed(db, goal.orgId, goal.id, options.feedSize ?? 20, knownUntil),
  ]);
  const metrics = { funnel: actual, medianSpeedToLeadHours: speed, currency: goal.currency };

  return {
    goal: {
      id: goal.id,
      name: goal.name,
      startsOn: goal.startsOn,
      endsOn: goal.endsOn,
      version: goal.version,
    },
    asOf,
    currency: goal.currency,
    timezone,
    pacing: goal.pacing,
    daysElapsed: pace.daysElapsed,
    daysInPeriod: pace.daysInPeriod,
    expectedShare: pace.share,
    target: major(goal.target),
    actual: major(actual.revenue),
    attainment: pace.attainment,
    expectedToDate: major(gap.expectedToDate),
    projected: pace.projected === null ? null : money(pace.projected),
    // Nothing recorded yet: the goal is not behind, it has not started being measured.
    status: gap.kind === "no_data" ? "not_started" : pace.status,
    pipeline: { amount: major(pipeline.amount), deals: pipeline.deals },
    pipelineCoverage: pace.pipelineCoverage,
    funnel: {
      plan: funnelView(plan),
      actual: funnelView(actual),
      planPeriod: funnelView(planned.funnel),
      plannedLeads: planned.leadsToPlan,
      leadsDerived: planned.leadsDerived,
    },
    contributions:
      gap.kind === "decomposed"
        ? {
            kind: gap.kind,
            gap: major(gap.gap),
            planVsTarget: major(gap.planVsTarget),
            activity: major(gap.activity),
            conversion: {
              total: major(gap.conversion.total),
              leadToMql: major(gap.conversion.leadToMql),
              mqlToSql: major(gap.conversion.mqlToSql),
              sqlToWon: major(gap.conversion.sqlToWon),
            },
            dealSize: major(gap.dealSize),
            reason: null,
          }
        : {
            kind: gap.kind,
            gap: major(gap.gap),
            planVsTarget: major(gap.planVsTarget),
            activity: null,
            conversion: null,
            dealSize: null,
            reason: gap.reason,
          },
    series,
    keyResults: keyResultRows.map(({ keyResult, team }) =>
      keyResultView(keyResult, team, latest.get(keyResult.id), {
        metrics,
        expectedShare: pace.share,
        now,
      }),
    ),
    checkIns: feed.map(checkInView),
  };
}

import type { checkIns, keyResults } from "../schema/goals";
import type { DemoCalendar } from "./calendar";
import { demoOrganization } from "./company";
import type { GoalPlan } from "./goal-plan";
import type { Rng } from "./prng";

export type KeyResultRow = typeof keyResults.$inferInsert;
export type CheckInRow = typeof checkIns.$inferInsert;

export interface KeyResultAuthors {
  marketingTeamId: string;
  salesTeamId: string;
  marketingUserId: string;
  salesUserId: string;
}

type Team = "marketing" | "sales";

interface KeyResultSpec {
  team: Team;
  title: string;
  kind: KeyResultRow["kind"];
  unit: KeyResultRow["unit"];
  start: number;
  target: number;
  metric: KeyResultRow["metric"];
  /** The owner's usual confidence; each check-in wanders one point around it. */
  confidence: number;
  notes: readonly string[];
  /** The value a manual key result had reached by a check-in. */
  manualValue?: (at: { elapsed: number; week: number; target: number }, rng: Rng) => number;
}

const HOUR = 3600;
/** Check-ins shown: the last few weekly ones, as a team lead would have made them. */
const WEEKS_OF_CHECK_INS = 4;

/**
 * Key results of marketing and sales under the shared goal, and their latest weekly check-ins.
 * Percent values are fractions (0.25 = 25%), like the goal's funnel plan; durations are hours.
 */
export function buildKeyResults(
  plan: GoalPlan,
  calendar: DemoCalendar,
  authors: KeyResultAuthors,
  rng: Rng,
): { keyResults: KeyResultRow[]; checkIns: CheckInRow[] } {
  const { goal, history, actual, quarter } = plan;
  const planLeads = goal.planLeads ?? 0;
  const weeksInQuarter = Math.ceil((quarter.lastDay - quarter.firstDay + 1) / 7);
  const specs: KeyResultSpec[] = [
    {
      team: "marketing",
      title: "Leads",
      kind: "activity",
      unit: "count",
      start: 0,
      target: planLeads,
      metric: "leads",
      confidence: 7,
      notes: [
        "Paid search budget moved to the competitor campaign.",
        "Webinar registrations ahead of last quarter.",
        "Trade show list imported, follow-ups running.",
        "Content downloads flat; new report launches next week.",
      ],
    },
    {
      team: "marketing",
      title: "MQL rate",
      kind: "conversion",
      unit: "percent",
      start: round2(actual.leadToMql * 0.85),
      target: round2(actual.leadToMql * 1.12),
      metric: "lead_to_mql",
      confidence: 6,
      notes: [
        "Scoring model retuned with sales' rejection reasons.",
        "Fewer student sign-ups since the form change.",
        "Not-ICP rejections down on paid search.",
      ],
    },
    {
      team: "marketing",
      title: "Webinar attendance",
      kind: "activity",
      unit: "count",
      start: 0,
      target: Math.max(50, Math.round((planLeads * 0.3) / 10) * 10),
      metric: null,
      confidence: 8,
      notes: [
        "Two sessions this month, both above 60% show-up.",
        "Guest speaker from a customer confirmed.",
      ],
      manualValue: ({ elapsed, target }, r) => target * elapsed * (0.85 + 0.1 * r.next()),
    },
    {
      team: "sales",
      title: "SQL to win rate",
      kind: "conversion",
      unit: "percent",
      start: round2(Math.min(history.sqlToWon, actual.sqlToWon) * 0.9),
      target: round2(goal.sqlToWon * 1.05),
      metric: "sql_to_won",
      confidence: 5,
      notes: [
        "Three big deals pushed to the last two weeks.",
        "Mutual action plans on every deal above 30k.",
        "Lost two to a competitor on price; reviewing discount policy.",
      ],
    },
    {
      team: "sales",
      title: "Median speed-to-lead",
      kind: "activity",
      unit: "duration",
      start: 24,
      target: 4,
      metric: "median_speed_to_lead",
      confidence: 6,
      notes: [
        "Round-robin routing live for inbound demo requests.",
        "Event leads still slow: the list arrives two days late.",
        "SDR on-call rota covers evenings now.",
      ],
    },
    {
      team: "sales",
      title: "Pipeline reviews held",
      kind: "activity",
      unit: "count",
      start: 0,
      target: weeksInQuarter,
      metric: null,
      confidence: 8,
      notes: [
        "Weekly review done, forecast updated.",
        "Skipped one week for the offsite, back on track.",
      ],
      // One week was skipped for the offsite.
      manualValue: ({ week }) => Math.max(0, week - 1),
    },
  ];

  const fridays = calendar.days
    .slice(quarter.firstDay, calendar.todayIndex)
    .filter((d) => d.weekday === 5)
    .slice(-WEEKS_OF_CHECK_INS);
  const krCreatedAt = new Date((quarter.startSec + 9 * HOUR) * 1000);
  const keyResults: KeyResultRow[] = [];
  const checkIns: CheckInRow[] = [];
  const lastValue = new Map<number, number>();
  for (const friday of fridays) {
    const week = Math.floor((friday.index - quarter.firstDay) / 7) + 1;
    const elapsed =
      (friday.index - quarter.firstDay + 1) / (quarter.lastDay - quarter.firstDay + 1);
    specs.forEach((spec, i) => {
      const hour = spec.team === "marketing" ? 15 : 16;
      const at = friday.startSec + hour * HOUR + (i % 3) * 600 + rng.int(0, 540);
      let value: number | null = null;
      if (spec.manualValue) {
        const raw = Math.round(spec.manualValue({ elapsed, week, target: spec.target }, rng));
        // Counts only go up between check-ins.
        value = Math.max(raw, lastValue.get(i) ?? 0);
        lastValue.set(i, value);
      }
      const confidence = Math.min(10, Math.max(1, spec.confidence + rng.int(-1, 1)));
      const note = spec.notes[(week + i) % spec.notes.length] ?? "";
      checkIns.push({
        orgId: demoOrganization.id,
        id: `checkin_${checkIns.length + 1}`,
        keyResultId: `kr_${i + 1}`,
        value,
        confidence,
        note,
        authorId: spec.team === "marketing" ? authors.marketingUserId : authors.salesUserId,
        createdAt: new Date(at * 1000),
      });
    });
  }
  specs.forEach((spec, i) => {
    const id = `kr_${i + 1}`;
    keyResults.push({
      orgId: demoOrganization.id,
      id,
      goalId: goal.id,
      teamId: spec.team === "marketing" ? authors.marketingTeamId : authors.salesTeamId,
      title: spec.title,
      kind: spec.kind,
      unit: spec.unit,
      startValue: spec.start,
      targetValue: spec.target,
      metric: spec.metric,
      cadenceDays: 7,
      // Every check-in moved the version on, as the API does with If-Match.
      version: 1 + checkIns.filter((c) => c.keyResultId === id).length,
      createdAt: krCreatedAt,
      updatedAt: checkIns.findLast((c) => c.keyResultId === id)?.createdAt ?? krCreatedAt,
    });
  });
  return { keyResults, checkIns };
}

/** Whole percents. */
function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

import type { DbOrTx } from "@tandem/db";
import type { GoalRow } from "@tandem/db/queries/goals";
import { leadQualityCounts } from "@tandem/db/queries/lead-quality";
import { buildForecast } from "../forecast/build-forecast";
import type { EmailBlock, EmailContent } from "../lib/mail/render-email";
import { addCalendarDays } from "../revenue";
import { leadQualityRowView } from "../routes/lead-quality/lead-quality.view";
import { leadQualityWindow } from "../routes/lead-quality/lead-quality-window";
import { buildSummary } from "../summary/build-summary";
import type { GoalSummary } from "../summary/summary-schema";
import { formatMoney, formatPercent, formatSignedMoney, statusWords } from "./format";

/** A source's acceptance rate has changed when it moved this many points in a week. */
export const ACCEPTANCE_CHANGE = 0.1;
/** Speed-to-lead goal when no key result sets one: contacted within a day. */
export const DEFAULT_SLA_HOURS = 24;

type Contributions = GoalSummary["contributions"];
const levers: Array<[label: string, pick: (c: Contributions) => number | null]> = [
  ["Lead volume", (c) => c.activity],
  ["Lead → MQL rate", (c) => c.conversion?.leadToMql ?? null],
  ["MQL → SQL rate", (c) => c.conversion?.mqlToSql ?? null],
  ["SQL → won rate", (c) => c.conversion?.sqlToWon ?? null],
  ["Deal size", (c) => c.dealSize],
];

/** The lever whose contribution to the gap changed most since last week's summary. */
export function leverMovedMost(now: GoalSummary, before: GoalSummary) {
  if (now.contributions.kind !== "decomposed" || before.contributions.kind !== "decomposed")
    return null;
  let best: { label: string; change: number; value: number } | null = null;
  for (const [label, pick] of levers) {
    const value = pick(now.contributions);
    const earlier = pick(before.contributions);
    if (value === null || earlier === null) continue;
    const change = value - earlier;
    if (!best || Math.abs(change) > Math.abs(best.change)) best = { label, change, value };
  }
  return best;
}

/** Per source, this week against a week ago, through the function the lead-quality screen uses. */
async function leadQualityNews(
  db: DbOrTx,
  goal: GoalRow,
  today: string,
  timezone: string,
  slaHours: number,
) {
  const window = (asOf: string) => leadQualityWindow(goal, asOf, timezone);
  const weekAgo = addCalendarDays(today, -7);
  if (today < goal.startsOn) return { changes: [], breaches: [] };
  const [nowRows, beforeRows] = await Promise.all([
    leadQualityCounts(db, goal.orgId, window(today), "source"),
    weekAgo < goal.startsOn
      ? Promise.resolve([])
      : leadQualityCounts(db, goal.orgId, window(weekAgo), "source"),
  ]);
  const before = new Map(
    beforeRows
      .filter((r) => !r.isTotal)
      .map((r) => [r.source, leadQualityRowView(r, goal.currency)]),
  );
  const changes: string[] = [];
  const breaches: string[] = [];
  for (const row of nowRows
    .filter((r) => !r.isTotal)
    .map((r) => leadQualityRowView(r, goal.currency))) {
    const name = row.source ?? "(none)";
    const rate = row.feedback.acceptanceRate;
    const earlier = before.get(row.source)?.feedback.acceptanceRate ?? null;
    if (rate !== null && earlier !== null && Math.abs(rate - earlier) >= ACCEPTANCE_CHANGE) {
      changes.push(
        `${name}: sales accepted ${formatPercent(rate)} of judged leads, ${rate > earlier ? "up" : "down"} from ${formatPercent(earlier)} a week ago`,
      );
    }
    const median = row.speedToLead.medianHours;
    if (median !== null && median > slaHours) {
      breaches.push(`${name}: median speed-to-lead ${median.toFixed(1)} h, goal ${slaHours} h`);
    }
  }
  return { changes, breaches };
}

const list = (items: string[], none: string): EmailBlock =>
  items.length ? { kind: "list", items } : { kind: "paragraph", text: none };

/**
 * The Monday digest: every figure comes from the summary and forecast functions the screens
 * use (the same numbers as the dashboard that morning), compared with last week's summary.
 */
export async function digestContent(input: {
  db: DbOrTx;
  goal: GoalRow;
  summary: GoalSummary;
  orgName: string;
  timezone: string;
  now: Date;
  origin: string;
}): Promise<EmailContent> {
  const { db, goal, summary, timezone, now } = input;
  const weekAgo = addCalendarDays(summary.asOf, -7);
  const [lastWeek, forecast] = await Promise.all([
    buildSummary(db, goal, {
      timezone,
      now,
      // biome-ignore lint/complexity/useMathMinMax: ISO dates compare as strings; Math.max gives NaN
      asOf: weekAgo < goal.startsOn ? goal.startsOn : weekAgo,
    }),
    buildForecast(db, goal, { timezone, now }),
  ]);
  const money = (n: number) => formatMoney(n, summary.currency);
  const ahead = summary.actual - summary.expectedToDate;
  const lever = leverMovedMost(summary, lastWeek);
  const slaKr = summary.keyResults.find((kr) => kr.metric === "median_speed_to_lead");
  const quality = await leadQualityNews(
    db,
    goal,
    summary.asOf,
    timezone,
    slaKr?.target ?? DEFAULT_SLA_HOURS,
  );
  const since = new Date(now.getTime() - 7 * 86_400_000).toISOString();
  const checkIns = summary.checkIns.filter((c) => c.createdAt >= since);
  const teams = [...new Set(checkIns.map((c) => c.team.name))];
  const overdue = summary.keyResults.filter((kr) => kr.overdue && !kr.archived);

  return {
    subject: `${summary.goal.name}: ${money(summary.actual)} of ${money(summary.target)}, ${statusWords[summary.status] ?? summary.status}`,
    title: `${input.orgName}: the week in one number`,
    blocks: [
      {
        kind: "facts",
        rows: [
          [
            "Revenue",
            `${money(summary.actual)} of ${money(summary.target)} (${formatPercent(summary.attainment)})`,
          ],
          [
            "Pace",
            `${money(Math.abs(ahead))} ${ahead < 0 ? "behind" : "ahead of"} the ${money(summary.expectedToDate)} expected by ${summary.asOf}`,
          ],
          ["Status", statusWords[summary.status] ?? summary.status],
          [
            "Projection",
            summary.projected === null ? "–" : `${money(summary.projected)} at this run rate`,
          ],
          [
            "Forecast",
            `${money(forecast.total)} (${money(forecast.low)} – ${money(forecast.high)})${forecast.history.enough ? "" : ", from the plan's rates: too little history"}`,
          ],
        ],
      },
      { kind: "heading", text: "The lever that moved most" },
      {
        kind: "paragraph",
        text: lever
          ? `${lever.label}: ${formatSignedMoney(lever.change, summary.currency)} since last week; it now accounts for ${formatSignedMoney(lever.value, summary.currency)} of the gap to pace.`
          : "No lever to compare yet: the period has too little data.",
      },
      {
        kind: "heading",
        text: `Check-ins this week${teams.length ? ` (${teams.join(", ")})` : ""}`,
      },
      list(
        checkIns.map(
          (c) =>
            `${c.team.name} · ${c.keyResultTitle}${c.value === null ? "" : `: ${c.value}`} (confidence ${c.confidence}/10)${c.note ? ` “${c.note}”` : ""} — ${c.author.name}`,
        ),
        "No check-ins this week.",
      ),
      { kind: "heading", text: "Overdue key results" },
      list(
        overdue.map((kr) => `${kr.title} (${kr.team.name})`),
        "None: every key result is up to date.",
      ),
      { kind: "heading", text: "Lead quality" },
      list(quality.changes, "No source's acceptance rate moved by 10 points or more."),
      { kind: "heading", text: "Speed-to-lead over the goal" },
      list(quality.breaches, "Every source is within the speed-to-lead goal."),
      { kind: "action", label: "Open the dashboard", url: `${input.origin}/` },
    ],
  };
}

/**
 * Would chances by forecast category make the open pipeline's part more accurate? Decision 043's
 * measurement, before the model learns them: the demo's facts and category histories, drawn in
 * memory (no database), the pipeline part of each closed quarter at days 30, 45 and 60 with the
 * all-deals life table and with a life table per category at asOf, each scored against what
 * those open deals finally won in the quarter, as a share of the quarter's revenue.
 *
 *   node --import tsx scripts/category-tables-backtest.ts [leads=100000] [today=2026-12-04]
 *
 * The per-category table is by landmark: each week start k of a deal's life (complete by asOf)
 * enters the table of the category the deal had on that day (no row dated later is read) and
 * stays until the deal closes, so a deal promoted from pipeline to commit before its win counts
 * as a pipeline deal that was won. A category with fewer than 20 won deals falls back to the
 * all-deals table.
 */
import { addCalendarDays, daysBetween, daysInPeriod, weekStart } from "../api/src/revenue/calendar";
import { MIN_WON_DEALS } from "../api/src/revenue/forecast";
import {
  type DealHazards,
  type DealLagCell,
  dealChance,
  dealHazards,
  lastCompleteLagWeek,
  MAX_LAG_WEEK,
} from "../api/src/revenue/forecast-lag";
import { buildCalendar } from "../db/src/demo/calendar";
import { generateFacts } from "../db/src/demo/facts";

const leads = Number(process.argv[2] ?? 100_000);
const calendar = buildCalendar(process.argv[3] ?? "2026-12-04", "America/New_York");
const dayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: calendar.timezone,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const dayOf = (seconds: number) => dayFormat.format(new Date(seconds * 1000));

type Span = { since: string; category: string };
type Deal = {
  created: string;
  closed: string | null;
  status: string;
  amount: number;
  spans: Span[];
};

const deals: Deal[] = [];
for (const chunk of generateFacts({
  calendar,
  seed: 1,
  leads,
  chunkLeads: 20_000,
  feedbackAuthorId: "u",
}).chunks) {
  const spans = new Map<string, Span[]>();
  chunk.categories.dealExternalId.forEach((id, i) => {
    const list = spans.get(id) ?? [];
    const since = dayOf(chunk.categories.at[i] ?? 0);
    // One row a day, the later change kept, as the demo's insert does.
    if (list.at(-1)?.since === since) list.pop();
    list.push({ since, category: chunk.categories.category[i] ?? "" });
    spans.set(id, list);
  });
  chunk.deals.externalId.forEach((id, i) => {
    const closedAt = chunk.deals.closedAt[i] ?? null;
    deals.push({
      created: dayOf(chunk.deals.createdAt[i] ?? 0),
      closed: closedAt === null ? null : dayOf(closedAt),
      status: chunk.deals.status[i] ?? "open",
      amount: chunk.deals.amount[i] ?? 0,
      spans: spans.get(id) ?? [],
    });
  });
}

const lagWeek = (from: string, to: string) =>
  Math.min(MAX_LAG_WEEK, Math.max(0, Math.floor(daysBetween(from, to) / 7)));
const categoryOn = (deal: Deal, day: string) => {
  let category: string | null = null;
  for (const span of deal.spans) if (span.since <= day) category = span.category;
  return category;
};
const counted = deals.filter((d) => d.status === "open" || d.closed !== null);
const cells: DealLagCell[] = counted.map((d) => ({
  week: weekStart(d.created),
  outcome: d.status === "won" ? "won" : d.status === "lost" ? "lost" : "open",
  closeWeek: d.closed === null ? -1 : lagWeek(d.created, d.closed),
  deals: 1,
  amount: d.amount,
}));

function tablesByCategory(from: string, asOf: string): Map<string, DealHazards> {
  type Sums = {
    atRisk: number[];
    won: number[];
    lost: number[];
    wonDeals: number;
    wonAmount: number;
  };
  const sums = new Map<string, Sums>();
  const sumsOf = (category: string) => {
    const found = sums.get(category);
    if (found) return found;
    const zeros = () => new Array<number>(MAX_LAG_WEEK).fill(0);
    const made = { atRisk: zeros(), won: zeros(), lost: zeros(), wonDeals: 0, wonAmount: 0 };
    sums.set(category, made);
    return made;
  };
  for (const deal of counted) {
    const week = weekStart(deal.created);
    if (week < from || deal.created > asOf) continue;
    const last = lastCompleteLagWeek(week, asOf);
    const closeWeek = deal.closed === null ? -1 : lagWeek(deal.created, deal.closed);
    const lastAtRisk = closeWeek >= 0 ? Math.min(closeWeek, last) : last;
    const landmarks = new Map<string, number>();
    const wonIn = new Set<string>();
    for (let w = 0; w <= lastAtRisk; w++) {
      const category = categoryOn(deal, addCalendarDays(deal.created, 7 * w));
      if (category) landmarks.set(category, (landmarks.get(category) ?? 0) + 1);
      for (const [name, count] of landmarks) {
        const s = sumsOf(name);
        s.atRisk[w] = (s.atRisk[w] ?? 0) + deal.amount * count;
        if (closeWeek !== w) continue;
        const events = deal.status === "won" ? s.won : s.lost;
        events[w] = (events[w] ?? 0) + deal.amount * count;
        if (deal.status === "won" && !wonIn.has(name)) {
          wonIn.add(name);
          s.wonDeals++;
          s.wonAmount += deal.amount;
        }
      }
    }
  }
  const tables = new Map<string, DealHazards>();
  for (const [name, s] of sums) {
    const share = (events: number[]) =>
      events.map((amount, w) => ((s.atRisk[w] ?? 0) > 0 ? amount / (s.atRisk[w] ?? 1) : 0));
    tables.set(name, {
      won: share(s.won),
      lost: share(s.lost),
      wonDeals: s.wonDeals,
      wonAmount: s.wonAmount,
    });
  }
  return tables;
}

const errors = new Map<number, { all: number[]; byCategory: number[] }>();
for (const quarter of calendar.quarters.slice(0, -1)) {
  const period = { startsOn: quarter.startsOn, endsOn: quarter.endsOn };
  const from = weekStart(addCalendarDays(period.startsOn, -4 * daysInPeriod(period)));
  const final = counted
    .filter(
      (d) =>
        d.status === "won" &&
        d.closed !== null &&
        d.closed >= period.startsOn &&
        d.closed <= period.endsOn,
    )
    .reduce((sum, d) => sum + d.amount, 0);
  for (const day of [30, 45, 60]) {
    const asOf = addCalendarDays(period.startsOn, day - 1);
    const all = dealHazards(cells, from, asOf);
    const tables = tablesByCategory(from, asOf);
    const ahead = daysBetween(asOf, period.endsOn);
    let withAll = 0;
    let withCategories = 0;
    let actual = 0;
    for (const deal of counted) {
      if (deal.created > asOf || (deal.closed !== null && deal.closed <= asOf)) continue;
      const age = daysBetween(deal.created, asOf);
      const category = categoryOn(deal, asOf);
      const table = category === null ? undefined : tables.get(category);
      const learned = table && table.wonDeals >= MIN_WON_DEALS ? table : all;
      withAll += deal.amount * dealChance(all, age, age + 1, age + ahead);
      withCategories += deal.amount * dealChance(learned, age, age + 1, age + ahead);
      if (deal.status === "won" && deal.closed !== null && deal.closed <= period.endsOn)
        actual += deal.amount;
    }
    const learnedNames = [...tables].filter(([, t]) => t.wonDeals >= MIN_WON_DEALS).map(([n]) => n);
    const line = errors.get(day) ?? { all: [], byCategory: [] };
    line.all.push(Math.abs(withAll - actual) / final);
    line.byCategory.push(Math.abs(withCategories - actual) / final);
    errors.set(day, line);
    const k = (minor: number) => `${Math.round(minor / 100_000)}k`;
    console.log(
      `${period.startsOn} day ${day}: won later ${k(actual)}, all deals ${k(withAll)}, by category ${k(withCategories)} (learned ${learnedNames.sort().join(", ")}), quarter ${k(final)}`,
    );
  }
}
const mean = (values: number[]) => (100 * values.reduce((a, b) => a + b, 0)) / values.length;
console.log(`${counted.length} counted deals from ${leads} leads`);
for (const [day, e] of errors) {
  console.log(
    `day ${day}: pipeline part's error / quarter's revenue: all deals ${mean(e.all).toFixed(2)}%, by category ${mean(e.byCategory).toFixed(2)}%`,
  );
}

import { addCalendarDays, daysBetween, daysInPeriod, type IsoDate, weekStart } from "./calendar";
import { FORECAST_HISTORY_PERIODS, type ForecastInput } from "./forecast";
import type { CategoryLagCell, ForecastCategory, OpenDealsByCategory } from "./forecast-categories";
import { type DealLagCell, type LeadLagCell, MAX_LAG_WEEK } from "./forecast-lag";

/**
 * Facts as calendar days, and the forecast's inputs computed from them the way the database's
 * rollups and queries compute them (db/src/queries/forecast*.ts). The model's tests use it to
 * state properties over facts, e.g. that facts dated after asOf change nothing.
 */
export type LeadFact = { id: string; createdOn: IsoDate; source: string; sqlOn: IsoDate | null };
export type DealFact = {
  leadId: string | null;
  createdOn: IsoDate;
  closedOn: IsoDate | null;
  status: "open" | "won" | "lost";
  amount: number;
  /** The deal's category history (deal_category_history): in `category` from `sinceOn` on. */
  categories?: readonly { sinceOn: IsoDate; category: ForecastCategory }[];
};

const lagWeek = (from: IsoDate, to: IsoDate) =>
  Math.min(MAX_LAG_WEEK, Math.max(0, Math.floor(daysBetween(from, to) / 7)));

/** The lag week of a deal's close; -1 while it is open. */
const closeWeekOf = (deal: DealFact) =>
  deal.status === "open" || deal.closedOn === null ? -1 : lagWeek(deal.createdOn, deal.closedOn);

/** Closed deals without a close day count nowhere, as in the daily rollups. */
const counted = (d: DealFact) => d.status === "open" || d.closedOn !== null;

function dealLag(deals: readonly DealFact[]): DealLagCell[] {
  const cells = new Map<string, DealLagCell>();
  for (const deal of deals.filter(counted)) {
    const week = weekStart(deal.createdOn);
    const closeWeek = closeWeekOf(deal);
    const key = `${week}/${deal.status}/${closeWeek}`;
    const cell = cells.get(key) ?? { week, outcome: deal.status, closeWeek, deals: 0, amount: 0 };
    cell.deals += 1;
    cell.amount += deal.amount;
    cells.set(key, cell);
  }
  return [...cells.values()];
}

function leadLag(leads: readonly LeadFact[], deals: readonly DealFact[]): LeadLagCell[] {
  const byId = new Map(leads.map((l) => [l.id, l]));
  const cells = new Map<string, LeadLagCell>();
  for (const deal of deals) {
    const lead = deal.leadId === null ? undefined : byId.get(deal.leadId);
    if (!lead || deal.status !== "won" || deal.closedOn === null) continue;
    const week = weekStart(lead.createdOn);
    const dealWeek = lagWeek(lead.createdOn, deal.createdOn);
    const wonWeek = lagWeek(lead.createdOn, deal.closedOn);
    const key = `${week}/${dealWeek}/${wonWeek}`;
    const cell = cells.get(key) ?? { week, dealWeek, wonWeek, wins: 0, amount: 0 };
    cell.wins += 1;
    cell.amount += deal.amount;
    cells.set(key, cell);
  }
  return [...cells.values()];
}

/** The deal's category rows with the day each ends (its next row's, or never). */
function spansOf(deal: DealFact) {
  const rows = [...(deal.categories ?? [])].sort((a, b) => (a.sinceOn < b.sinceOn ? -1 : 1));
  return rows.map((row, i) => ({ ...row, untilOn: rows[i + 1]?.sinceOn ?? null }));
}

/**
 * The landmark tables by category (db/src/queries/category-rollups.ts): each landmark
 * created + 7k in a span enters its category at lag week k and stays until the close.
 */
function categoryLag(deals: readonly DealFact[]): CategoryLagCell[] {
  const cells = new Map<string, CategoryLagCell>();
  for (const deal of deals.filter(counted)) {
    const week = weekStart(deal.createdOn);
    const closeWeek = closeWeekOf(deal);
    const lastWeek = closeWeek < 0 ? MAX_LAG_WEEK - 1 : Math.min(MAX_LAG_WEEK - 1, closeWeek);
    const landmarks = new Map<ForecastCategory, number[]>();
    for (const span of spansOf(deal)) {
      if (span.untilOn !== null && span.untilOn <= deal.createdOn) continue;
      const lo = Math.max(0, Math.ceil(daysBetween(deal.createdOn, span.sinceOn) / 7));
      const hi =
        span.untilOn === null
          ? lastWeek
          : Math.min(lastWeek, Math.floor((daysBetween(deal.createdOn, span.untilOn) - 1) / 7));
      if (lo > hi) continue;
      const counts = landmarks.get(span.category) ?? new Array<number>(MAX_LAG_WEEK).fill(0);
      for (let w = lo; w <= lastWeek; w++) counts[w] = (counts[w] ?? 0) + Math.min(w, hi) - lo + 1;
      landmarks.set(span.category, counts);
    }
    for (const [category, counts] of landmarks) {
      counts.forEach((count, lag) => {
        if (count === 0) return;
        const key = `${week}/${category}/${lag}`;
        const cell = cells.get(key) ?? {
          week,
          category,
          lagWeek: lag,
          atRisk: 0,
          won: 0,
          lost: 0,
          wonDeals: 0,
        };
        cell.atRisk += deal.amount * count;
        if (lag === closeWeek && deal.status === "won") {
          cell.won += deal.amount * count;
          cell.wonDeals += 1;
        }
        if (lag === closeWeek && deal.status === "lost") cell.lost += deal.amount * count;
        cells.set(key, cell);
      });
    }
  }
  return [...cells.values()];
}

type Rest = Pick<ForecastInput, "period" | "asOf" | "target" | "plan">;

export function forecastInputFromFacts(
  leads: readonly LeadFact[],
  deals: readonly DealFact[],
  rest: Rest,
): ForecastInput {
  const { period, asOf } = rest;
  const inPeriod = (day: IsoDate | null) =>
    day !== null && day >= period.startsOn && day <= period.endsOn && day <= asOf;
  const length = daysInPeriod(period);
  const historyFrom = addCalendarDays(period.startsOn, -FORECAST_HISTORY_PERIODS * length);
  const dayBeforeStart = addCalendarDays(period.startsOn, -1);
  // biome-ignore lint/complexity/useMathMinMax: ISO dates are strings, compared as text.
  const historyTo = asOf < dayBeforeStart ? asOf : dayBeforeStart;
  const inHistory = (day: IsoDate | null) => day !== null && day >= historyFrom && day <= historyTo;

  const byId = new Map(leads.map((l) => [l.id, l]));
  const open = new Map<IsoDate, { createdOn: IsoDate; deals: number; amount: number }>();
  const byCategory = new Map<string, OpenDealsByCategory>();
  let booked = 0;
  const sources = new Map<string, { source: string; leads: number; revenue: number }>();
  const source = (name: string) => {
    const entry = sources.get(name) ?? { source: name, leads: 0, revenue: 0 };
    sources.set(name, entry);
    return entry;
  };
  for (const deal of deals.filter(counted)) {
    if (deal.status === "won" && inPeriod(deal.closedOn)) booked += deal.amount;
    if (deal.status === "won" && inHistory(deal.closedOn)) {
      const lead = deal.leadId === null ? undefined : byId.get(deal.leadId);
      source(lead?.source ?? "(none)").revenue += deal.amount;
    }
    const openAtAsOf = deal.createdOn <= asOf && (deal.closedOn === null || deal.closedOn > asOf);
    if (!openAtAsOf) continue;
    const atAsOf = spansOf(deal).find(
      (span) => span.sinceOn <= asOf && (span.untilOn === null || span.untilOn > asOf),
    );
    if (atAsOf) {
      const key = `${deal.createdOn}/${atAsOf.category}`;
      const group = byCategory.get(key) ?? {
        createdOn: deal.createdOn,
        category: atAsOf.category,
        deals: 0,
        amount: 0,
      };
      group.deals += 1;
      group.amount += deal.amount;
      byCategory.set(key, group);
    }
    const group = open.get(deal.createdOn) ?? { createdOn: deal.createdOn, deals: 0, amount: 0 };
    group.deals += 1;
    group.amount += deal.amount;
    open.set(deal.createdOn, group);
  }
  const byDay = new Map<string, { createdOn: IsoDate; source: string; leads: number }>();
  for (const lead of leads) {
    if (inHistory(lead.createdOn)) source(lead.source).leads += 1;
    if (lead.createdOn > asOf) continue;
    const key = `${lead.createdOn}/${lead.source}`;
    const group = byDay.get(key) ?? { createdOn: lead.createdOn, source: lead.source, leads: 0 };
    group.leads += 1;
    byDay.set(key, group);
  }
  const cohorts = new Map<IsoDate, number>();
  for (const lead of leads) {
    const week = weekStart(lead.createdOn);
    cohorts.set(week, (cohorts.get(week) ?? 0) + 1);
  }
  return {
    ...rest,
    booked,
    periodFlows: {
      leads: leads.filter((l) => inPeriod(l.createdOn)).length,
      sqls: leads.filter((l) => inPeriod(l.sqlOn)).length,
    },
    openDeals: [...open.values()],
    openDealsByCategory: [...byCategory.values()],
    leadsByDay: [...byDay.values()],
    dealLag: dealLag(deals),
    categoryLag: categoryLag(deals),
    leadCohorts: [...cohorts].map(([week, count]) => ({ week, leads: count })),
    leadLag: leadLag(leads, deals),
    sourceFlows: [...sources.values()],
  };
}

import { addCalendarDays, daysBetween, daysInPeriod, type IsoDate, weekStart } from "./calendar";
import { FORECAST_HISTORY_PERIODS, type ForecastInput } from "./forecast";
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
};

const lagWeek = (from: IsoDate, to: IsoDate) =>
  Math.min(MAX_LAG_WEEK, Math.max(0, Math.floor(daysBetween(from, to) / 7)));

/** Closed deals without a close day count nowhere, as in the daily rollups. */
const counted = (d: DealFact) => d.status === "open" || d.closedOn !== null;

function dealLag(deals: readonly DealFact[]): DealLagCell[] {
  const cells = new Map<string, DealLagCell>();
  for (const deal of deals.filter(counted)) {
    const week = weekStart(deal.createdOn);
    const closeWeek =
      deal.status === "open" || deal.closedOn === null
        ? -1
        : lagWeek(deal.createdOn, deal.closedOn);
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
    leadsByDay: [...byDay.values()],
    dealLag: dealLag(deals),
    leadCohorts: [...cohorts].map(([week, count]) => ({ week, leads: count })),
    leadLag: leadLag(leads, deals),
    sourceFlows: [...sources.values()],
  };
}

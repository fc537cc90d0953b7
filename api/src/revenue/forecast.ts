import {
  addCalendarDays,
  daysBetween,
  daysInPeriod,
  type IsoDate,
  type Period,
  weekStart,
} from "./calendar";
import {
  type CategoryLagCell,
  categoryHazards,
  categoryTablesFrom,
  FORECAST_CATEGORIES,
  type ForecastCategory,
  type OpenDealsByCategory,
} from "./forecast-categories";
import {
  type DealHazards,
  type DealLagCell,
  dealChance,
  dealHazards,
  type LagProfile,
  type LeadCohort,
  type LeadLagCell,
  type LeadRates,
  lagProfile,
  leadRates,
  leadValue,
  shareInTime,
} from "./forecast-lag";
import { type LagAwareFunnel, lagAwareFunnel } from "./lag-aware-funnel";
import { assertMinorUnits, type MinorUnits, roundMinor } from "./money";
import {
  DEFAULT_STATUS_THRESHOLDS,
  type PaceStatus,
  type StatusThresholds,
  statusFromRatio,
} from "./pace-status";
import { type FunnelPlan, plannedFunnel } from "./reverse-funnel";

/** Below this many won deals in the history read, the chances are the plan's rates. */
export const MIN_WON_DEALS = 20;
/** Earlier periods of the same length whose facts the chances are learned from. */
export const FORECAST_HISTORY_PERIODS = 4;
/** Leads older than this bring nothing more: the learned lags end here. */
export const LEAD_LOOKBACK_DAYS = 364;
/** The range is the 10th to the 90th percentile of a normal approximation. */
export const RANGE_Z = 1.2815515655446004;

export type ForecastInput = {
  period: Period;
  /** The forecast's day; before the period start it forecasts the period ahead. */
  asOf: IsoDate;
  target: MinorUnits;
  plan: FunnelPlan;
  thresholds?: StatusThresholds | undefined;
  /** Won revenue closed in the period up to asOf. */
  booked: MinorUnits;
  /** Leads created and SQLs reached in the period up to asOf (the fallback reads them). */
  periodFlows: { leads: number; sqls: number };
  /** Deals open at the end of asOf, by creation day (a deal closed later was open then). */
  openDeals: readonly { createdOn: IsoDate; deals: number; amount: MinorUnits }[];
  /**
   * Of those, the deals in a forecast category at asOf, by creation day and category (decision
   * 061); the rest have no category and get the all-deals chance. Absent: none has one.
   */
  openDealsByCategory?: readonly OpenDealsByCategory[] | undefined;
  /** Leads created on or before asOf, by day and source. */
  leadsByDay: readonly { createdOn: IsoDate; source: string; leads: number }[];
  dealLag: readonly DealLagCell[];
  /** The landmark tables by category (decision 061); absent: no category history. */
  categoryLag?: readonly CategoryLagCell[] | undefined;
  leadCohorts: readonly LeadCohort[];
  leadLag: readonly LeadLagCell[];
  /** Per source over the earlier periods read: leads created and revenue won. */
  sourceFlows: readonly { source: string; leads: number; revenue: MinorUnits }[];
};

export type Forecast = {
  asOf: IsoDate;
  target: MinorUnits;
  booked: MinorUnits;
  pipeline: {
    expected: MinorUnits;
    deals: number;
    amount: MinorUnits;
    /** The open deals by their category at asOf; the parts sum to `expected` exactly. */
    byCategory: PipelineCategory[];
    /** The first day of the period whose forecast reads the category tables. */
    categoriesFrom: IsoDate;
  };
  leadsInHand: { expected: MinorUnits; leads: number };
  leadsToCome: { expected: MinorUnits; leads: number };
  total: MinorUnits;
  low: MinorUnits;
  high: MinorUnits;
  /** not_started: nothing to stand on but the plan (see hasForecastFacts); no verdict. */
  status: PaceStatus | "not_started";
  lag: LagProfile;
  /** The lag-aware reverse funnel for the rest of the period. */
  reverseFunnel: LagAwareFunnel & { winsNeeded: number; winsInHand: number; shareInTime: number };
  /** What the leads of this period (in hand and to come) are expected to win in the next one. */
  nextPeriod: { expected: MinorUnits };
  history: { wonDeals: number; enough: boolean; from: IsoDate };
};

/**
 * The open deals of one category at asOf (null: none recorded) and their part of the pipeline,
 * rounded to minor units. `learned`: valued with the category's own table; false when the
 * category fell back to the all-deals table (fewer than MIN_WON_DEALS won deals in its complete
 * weeks), before `categoriesFrom`, without a category, or when the plan's rates stand in.
 */
export type PipelineCategory = {
  category: ForecastCategory | null;
  deals: number;
  amount: MinorUnits;
  expected: MinorUnits;
  learned: boolean;
};

/**
 * Whether the forecast stands on anything but the plan: revenue booked, leads or SQLs in the
 * period, open deals or leads in hand. Without any, its total is the plan restated, and a
 * verdict on it ("Off track" for a new organization) would judge nothing.
 */
export function hasForecastFacts(input: Omit<ForecastInput, keyof HistoryCells>): boolean {
  const oldest = addCalendarDays(input.asOf, -LEAD_LOOKBACK_DAYS);
  return (
    input.booked > 0 ||
    input.periodFlows.leads > 0 ||
    input.periodFlows.sqls > 0 ||
    input.openDeals.some((group) => group.deals > 0) ||
    input.leadsByDay.some(
      (group) => group.leads > 0 && group.createdOn <= input.asOf && group.createdOn > oldest,
    )
  );
}

/**
 * What the history read teaches, as of asOf: the deals' life table, what a lead brings by lag,
 * and each source's worth against the average. It depends on the organization's facts, the
 * first cohort read and asOf only, so callers may keep it per organization and day until the
 * facts change (api/src/lib/live/read-caches.ts, decision 042).
 */
export type LearnedHistory = {
  deals: DealHazards;
  /** The landmark life table of each category with any cell read (decision 061). */
  categories: ReadonlyMap<ForecastCategory, DealHazards>;
  leads: LeadRates;
  sources: ReadonlyMap<string, number>;
};

export type HistoryCells = Pick<
  ForecastInput,
  "dealLag" | "categoryLag" | "leadCohorts" | "leadLag" | "sourceFlows"
>;

/** Chances learned from history, or the plan's rates when history is too thin. */
type Chances =
  | ({ kind: "learned" } & LearnedHistory)
  | { kind: "plan"; deals: DealHazards; leadToWon: number; sqlToWon: number; avgDealSize: number };

function sourceMultipliers(flows: ForecastInput["sourceFlows"]): Map<string, number> {
  let leads = 0;
  let revenue = 0;
  for (const flow of flows) {
    leads += flow.leads;
    revenue += flow.revenue;
  }
  const average = leads > 0 ? revenue / leads : 0;
  const multipliers = new Map<string, number>();
  if (!(average > 0)) return multipliers;
  for (const flow of flows) {
    if (flow.leads > 0) multipliers.set(flow.source, flow.revenue / flow.leads / average);
  }
  return multipliers;
}

/** The first cohort the chances of a period's forecast read: four periods before its start. */
export function historyStart(period: Period): IsoDate {
  return weekStart(
    addCalendarDays(period.startsOn, -FORECAST_HISTORY_PERIODS * daysInPeriod(period)),
  );
}

/** The chances of the history cells as of asOf, from the cohorts starting at `from`. */
export function learnHistory(cells: HistoryCells, from: IsoDate, asOf: IsoDate): LearnedHistory {
  return {
    deals: dealHazards(cells.dealLag, from, asOf),
    categories: categoryHazards(cells.categoryLag ?? [], from, asOf),
    leads: leadRates(cells.leadCohorts, cells.leadLag, from, asOf),
    sources: sourceMultipliers(cells.sourceFlows),
  };
}

function assertInput(input: Omit<ForecastInput, keyof HistoryCells>): void {
  assertMinorUnits(input.target, "target");
  assertMinorUnits(input.booked, "booked");
  if (input.booked < 0) throw new RangeError(`booked must not be negative, got ${input.booked}`);
  for (const deal of input.openDeals) assertMinorUnits(deal.amount, "openDeals.amount");
}

/**
 * Where the period will land given what both teams have in hand: booked + the open pipeline
 * x each deal's chance + the leads in hand x theirs + the leads the plan still expects x
 * theirs. Every chance comes from facts the inputs hold as of asOf (see docs/revenue-model.md,
 * "The forecast"), the parts are rounded to minor units and the total is their sum.
 */
export function forecastPeriod(input: ForecastInput): Forecast {
  return forecastWithHistory(input, learnHistory(input, historyStart(input.period), input.asOf));
}

/**
 * forecastPeriod with the history already learned (learnHistory of the same cells, the same
 * `historyStart(period)` and asOf): the history cells of `input` are not read.
 */
export function forecastWithHistory(
  input: Omit<ForecastInput, keyof HistoryCells>,
  learned: LearnedHistory,
): Forecast {
  assertInput(input);
  const { period, asOf } = input;
  const length = daysInPeriod(period);
  const from = historyStart(period);
  const { deals, leads } = learned;
  const enough = deals.wonDeals >= MIN_WON_DEALS;
  const { plan } = input;
  const leadToWon = plan.leadToMql * plan.mqlToSql * plan.sqlToWon;
  const chances: Chances = enough
    ? { kind: "learned", ...learned }
    : { kind: "plan", deals, leadToWon, sqlToWon: plan.sqlToWon, avgDealSize: plan.avgDealSize };

  // The days of the period still to come after asOf: [first, end].
  const first = asOf < period.startsOn ? period.startsOn : addCalendarDays(asOf, 1);
  const ahead = Math.max(0, daysBetween(asOf, period.endsOn));
  const untilFirst = daysBetween(asOf, first);
  const remaining = Math.max(0, daysBetween(first, period.endsOn) + 1);

  // Sales' part: each open deal's chance of a win on a day in [first, end], by its category at
  // asOf: the category's own table from categoriesFrom on when it learned one, else all deals'.
  const categoriesFrom = categoryTablesFrom(period);
  const tables = chances.kind === "learned" && asOf >= categoriesFrom ? learned.categories : null;
  const groups: {
    createdOn: IsoDate;
    category: ForecastCategory | null;
    deals: number;
    amount: number;
  }[] = [];
  const categorized = new Map<IsoDate, { deals: number; amount: number }>();
  for (const group of input.openDealsByCategory ?? []) {
    if (group.createdOn > asOf || group.deals <= 0) continue;
    groups.push(group);
    const day = categorized.get(group.createdOn) ?? { deals: 0, amount: 0 };
    day.deals += group.deals;
    day.amount += group.amount;
    categorized.set(group.createdOn, day);
  }
  const withCategory = groups.length;
  for (const group of input.openDeals) {
    if (group.createdOn > asOf || group.deals <= 0) continue;
    const day = categorized.get(group.createdOn);
    const deals = group.deals - (day?.deals ?? 0);
    if (deals > 0) {
      groups.push({ ...group, category: null, deals, amount: group.amount - (day?.amount ?? 0) });
    }
  }
  // Those with a category first in the input, but added up in the order of the open deals'
  // days, so that without any category the sum is the one of the all-deals forecast.
  const ordered = [...groups.slice(withCategory), ...groups.slice(0, withCategory)];
  const parts = new Map<ForecastCategory | null, PipelineCategory & { exact: number }>();
  let pipelineExact = 0;
  let pipelineVariance = 0;
  let openAmount = 0;
  let openCount = 0;
  for (const group of ordered) {
    const age = daysBetween(group.createdOn, asOf);
    const table = group.category === null ? undefined : tables?.get(group.category);
    const learnedTable = table !== undefined && table.wonDeals >= MIN_WON_DEALS ? table : null;
    const chance =
      remaining === 0
        ? 0
        : chances.kind === "learned"
          ? dealChance(learnedTable ?? chances.deals, age, age + untilFirst, age + ahead)
          : chances.sqlToWon;
    pipelineExact += group.amount * chance;
    // The group's deals as equal Bernoulli trials of the group's average size.
    pipelineVariance += (chance * (1 - chance) * group.amount * group.amount) / group.deals;
    openAmount += group.amount;
    openCount += group.deals;
    const part = parts.get(group.category) ?? {
      category: group.category,
      deals: 0,
      amount: 0,
      expected: 0,
      learned: learnedTable !== null,
      exact: 0,
    };
    part.deals += group.deals;
    part.amount += group.amount;
    part.exact += group.amount * chance;
    parts.set(group.category, part);
  }
  const byCategory: PipelineCategory[] = [...FORECAST_CATEGORIES, null].flatMap((category) => {
    const part = parts.get(category);
    if (!part) return [];
    const { exact, ...shown } = part;
    return [{ ...shown, expected: roundMinor(exact) }];
  });

  // Marketing's part: the leads in hand, then the leads the plan still expects.
  const oldest = addCalendarDays(asOf, -LEAD_LOOKBACK_DAYS);
  let inHandExact = 0;
  let inHandLeads = 0;
  let nextExact = 0;
  const valueByAge = new Map<number, { now: number; next: number }>();
  for (const group of input.leadsByDay) {
    if (group.createdOn > asOf || group.createdOn <= oldest) continue;
    const age = daysBetween(group.createdOn, asOf);
    inHandLeads += group.leads;
    if (chances.kind === "plan") continue;
    let value = valueByAge.get(age);
    if (!value) {
      const lagAtEnd = age + ahead;
      value = {
        now: remaining === 0 ? 0 : leadValue(chances.leads, age, age + untilFirst, lagAtEnd),
        next: leadValue(chances.leads, -1, lagAtEnd + 1, lagAtEnd + length),
      };
      valueByAge.set(age, value);
    }
    const multiplier = chances.sources.get(group.source) ?? 1;
    inHandExact += group.leads * multiplier * value.now;
    if (group.createdOn >= period.startsOn) nextExact += group.leads * multiplier * value.next;
  }

  const planned = plannedFunnel(input.target, plan).funnel.leads;
  const perDay = planned / length;
  const toComeLeads = perDay * remaining;
  let toComeExact = 0;
  if (chances.kind === "plan") {
    const noDealYet = Math.max(0, input.periodFlows.leads - input.periodFlows.sqls);
    inHandExact = noDealYet * chances.leadToWon * chances.avgDealSize;
    toComeExact = toComeLeads * chances.leadToWon * chances.avgDealSize;
  } else {
    for (let day = 0; day < remaining; day++) {
      // A lead arriving `day` days after `first` has until the period's end to be won.
      const untilEnd = remaining - 1 - day;
      toComeExact += perDay * leadValue(chances.leads, -1, 0, untilEnd);
      nextExact += perDay * leadValue(chances.leads, -1, untilEnd + 1, untilEnd + length);
    }
  }

  // Each category's part is rounded and the pipeline part is their sum, exactly.
  const pipeline = byCategory.reduce((sum, part) => sum + part.expected, 0);
  const inHand = roundMinor(inHandExact);
  const toCome = roundMinor(toComeExact);
  const total = input.booked + pipeline + inHand + toCome;

  // The range: the deals' own uncertainty, the leads' wins as Poisson counts of the average
  // won deal, and the chances' own error, which shrinks as the history read grows.
  const averageWon =
    deals.wonDeals > 0 ? deals.wonAmount / deals.wonDeals : Math.max(plan.avgDealSize, 0);
  const leadVariance = (inHandExact + toComeExact) * averageWon;
  const open = pipelineExact + inHandExact + toComeExact;
  const estimateVariance = (open * open) / Math.max(1, deals.wonDeals);
  const spread = RANGE_Z * Math.sqrt(pipelineVariance + leadVariance + estimateVariance);
  const low = Math.max(input.booked, roundMinor(total - spread));
  const high = roundMinor(total + spread);

  const lag =
    chances.kind === "learned"
      ? lagProfile(leads, length)
      : lagProfile({ cells: [], wins: 0 }, length);
  const winsNeeded = plan.avgDealSize > 0 ? input.target / plan.avgDealSize : 0;
  const winsInHand =
    plan.avgDealSize > 0 ? (input.booked + pipelineExact + inHandExact) / plan.avgDealSize : 0;
  const inTime = chances.kind === "learned" ? shareInTime(leads, remaining) : 1;
  const funnel = lagAwareFunnel({ winsNeeded, winsInHand, leadToWon, shareInTime: inTime });

  return {
    asOf,
    target: input.target,
    booked: input.booked,
    pipeline: {
      expected: pipeline,
      deals: openCount,
      amount: openAmount,
      byCategory,
      categoriesFrom,
    },
    leadsInHand: { expected: inHand, leads: inHandLeads },
    leadsToCome: { expected: toCome, leads: Math.round(toComeLeads) },
    total,
    low,
    high,
    status: !hasForecastFacts(input)
      ? "not_started"
      : input.target > 0
        ? statusFromRatio(total / input.target, input.thresholds ?? DEFAULT_STATUS_THRESHOLDS)
        : "on_track",
    lag,
    reverseFunnel: { ...funnel, winsNeeded, winsInHand, shareInTime: inTime },
    nextPeriod: { expected: roundMinor(nextExact) },
    history: { wonDeals: deals.wonDeals, enough, from },
  };
}

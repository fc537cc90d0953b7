import { describe, expect, it } from "vitest";
import { type ForecastInput, forecastPeriod } from "./forecast";
import { type CategoryLagCell, categoryHazards, categoryTablesFrom } from "./forecast-categories";
import { type DealFact, forecastInputFromFacts } from "./forecast-facts";

// docs/revenue-model.md, "The forecast", "Chances by forecast category": worked example, on
// the forecast's worked example (same period, history, deals and leads). Amounts in cents.
const period = { startsOn: "2026-01-01", endsOn: "2026-03-31" };
const week = "2025-10-06";
const lagCell = (lagWeek: number, cell: Partial<CategoryLagCell>): CategoryLagCell => ({
  week,
  category: "commit",
  lagWeek,
  atRisk: 0,
  won: 0,
  lost: 0,
  wonDeals: 0,
  ...cell,
});
// Of the 40 deals of 10,000.00 created that week, the 20 won and 5 of the 10 lost in lag week 6
// were in commit from their landmark week 3 on: in week 4 each counts twice (weeks 3 and 4).
const commit = [
  lagCell(3, { atRisk: 25_000_000 }),
  lagCell(4, { atRisk: 50_000_000, won: 40_000_000, wonDeals: 20 }),
  lagCell(5, { atRisk: 15_000_000 }),
  lagCell(6, { atRisk: 20_000_000, lost: 20_000_000 }),
];
// The 10 lost in lag week 2 were in pipeline from their creation (landmarks 0, 1 and 2): no
// pipeline deal was won, too few to learn from.
const pipeline = [
  lagCell(0, { category: "pipeline", atRisk: 10_000_000 }),
  lagCell(1, { category: "pipeline", atRisk: 20_000_000 }),
  lagCell(2, { category: "pipeline", atRisk: 30_000_000, lost: 30_000_000 }),
];

const example: ForecastInput = {
  period,
  asOf: "2026-02-14",
  target: 180_000_000,
  plan: { leads: 9_000, leadToMql: 0.25, mqlToSql: 0.25, sqlToWon: 0.32, avgDealSize: 1_000_000 },
  booked: 30_000_000,
  periodFlows: { leads: 400, sqls: 30 },
  openDeals: [
    { createdOn: "2026-02-07", deals: 1, amount: 5_000_000 },
    { createdOn: "2026-01-15", deals: 1, amount: 2_100_000 },
  ],
  openDealsByCategory: [
    { createdOn: "2026-02-07", category: "commit", deals: 1, amount: 5_000_000 },
    { createdOn: "2026-01-15", category: "pipeline", deals: 1, amount: 2_100_000 },
  ],
  leadsByDay: [
    { createdOn: "2026-02-10", source: "webinar", leads: 100 },
    { createdOn: "2026-01-10", source: "webinar", leads: 300 },
  ],
  dealLag: [
    { week, outcome: "lost", closeWeek: 2, deals: 10, amount: 10_000_000 },
    { week, outcome: "won", closeWeek: 4, deals: 20, amount: 20_000_000 },
    { week, outcome: "lost", closeWeek: 6, deals: 10, amount: 10_000_000 },
  ],
  categoryLag: [...commit, ...pipeline],
  leadCohorts: [{ week, leads: 1_000 }],
  leadLag: [{ week, dealWeek: 1, wonWeek: 5, wins: 20, amount: 20_000_000 }],
  sourceFlows: [],
};

describe("chances by forecast category: the worked example", () => {
  it("learns commit's table and leaves pipeline's, without a won deal, to the all-deals one", () => {
    const tables = categoryHazards(example.categoryLag ?? [], "2025-01-06", example.asOf);
    const commitTable = tables.get("commit");
    expect(commitTable?.wonDeals).toBe(20);
    expect(commitTable?.won[4]).toBeCloseTo(0.8, 12);
    expect(commitTable?.lost[6]).toBe(1);
    expect(tables.get("pipeline")?.wonDeals).toBe(0);
    expect(tables.get("pipeline")?.lost[2]).toBe(1);
  });

  it("values each open deal with its category's chance, from day 45 of the quarter", () => {
    expect(categoryTablesFrom(period)).toBe("2026-02-14");
    const forecast = forecastPeriod(example);
    // The commit deal of 50,000.00 at age 7: 80% won in week 4 -> 40,000.00. The pipeline deal
    // of 21,000.00 at age 30 keeps the all-deals chance, 8/21 -> 8,000.00.
    expect(forecast.pipeline).toEqual({
      expected: 4_800_000,
      deals: 2,
      amount: 7_100_000,
      byCategory: [
        { category: "commit", deals: 1, amount: 5_000_000, expected: 4_000_000, learned: true },
        { category: "pipeline", deals: 1, amount: 2_100_000, expected: 800_000, learned: false },
      ],
      categoriesFrom: "2026-02-14",
    });
    expect(forecast.total).toBe(30_000_000 + 4_800_000 + 2_000_000 + 14_000_000);
  });

  it("reads no category table before the middle of the period", () => {
    // A 120-day period: the tables are read from 1 March, so on 14 February both deals keep
    // the all-deals chance (25,000.00 and 8,000.00, as in the forecast's worked example).
    const longer = { startsOn: "2026-01-01", endsOn: "2026-04-30" };
    expect(categoryTablesFrom(longer)).toBe("2026-03-01");
    const forecast = forecastPeriod({ ...example, period: longer });
    expect(forecast.pipeline.expected).toBe(3_300_000);
    expect(forecast.pipeline.byCategory).toEqual([
      { category: "commit", deals: 1, amount: 5_000_000, expected: 2_500_000, learned: false },
      { category: "pipeline", deals: 1, amount: 2_100_000, expected: 800_000, learned: false },
    ]);
  });

  it("puts the deals without a category at asOf apart, at the all-deals chance", () => {
    const forecast = forecastPeriod({
      ...example,
      openDealsByCategory: example.openDealsByCategory?.slice(0, 1),
    });
    expect(forecast.pipeline.byCategory).toEqual([
      { category: "commit", deals: 1, amount: 5_000_000, expected: 4_000_000, learned: true },
      { category: null, deals: 1, amount: 2_100_000, expected: 800_000, learned: false },
    ]);
    expect(forecast.pipeline.expected).toBe(4_800_000);
  });
});

describe("the landmark tables from facts", () => {
  it("counts each landmark week in a category once for every later week until the close", () => {
    // Created Monday 5 January, in pipeline from then, in commit from 20 January (day 15), won
    // 3 February (day 29, lag week 4). Landmarks: days 0, 7, 14 in pipeline, 21 and 28 in commit.
    const deal: DealFact = {
      leadId: null,
      createdOn: "2026-01-05",
      closedOn: "2026-02-03",
      status: "won",
      amount: 1_000,
      categories: [
        { sinceOn: "2026-01-05", category: "pipeline" },
        { sinceOn: "2026-01-20", category: "commit" },
      ],
    };
    const input = forecastInputFromFacts([], [deal], {
      period: { startsOn: "2026-04-01", endsOn: "2026-06-30" },
      asOf: "2026-04-01",
      target: 0,
      plan: example.plan,
    });
    const cell = (category: string, lagWeek: number, atRisk: number, won = 0, wonDeals = 0) => ({
      week: "2026-01-05",
      category,
      lagWeek,
      atRisk,
      won,
      lost: 0,
      wonDeals,
    });
    expect(input.categoryLag).toEqual([
      cell("pipeline", 0, 1_000),
      cell("pipeline", 1, 2_000),
      cell("pipeline", 2, 3_000),
      cell("pipeline", 3, 3_000),
      cell("pipeline", 4, 3_000, 3_000, 1),
      cell("commit", 3, 1_000),
      cell("commit", 4, 2_000, 2_000, 1),
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { type ForecastInput, forecastPeriod } from "./forecast";
import { lagAwareFunnel } from "./lag-aware-funnel";

// docs/revenue-model.md, "The forecast": worked example. Amounts in cents.
const period = { startsOn: "2026-01-01", endsOn: "2026-03-31" };
const plan = {
  leads: 9_000,
  leadToMql: 0.25,
  mqlToSql: 0.25,
  sqlToWon: 0.32,
  avgDealSize: 1_000_000,
};
const history = {
  // 40 deals of 10,000.00 created in the week of 6 October 2025: 10 lost in lag week 2,
  // 20 won in lag week 4, 10 lost in lag week 6.
  dealLag: [
    { week: "2025-10-06", outcome: "lost" as const, closeWeek: 2, deals: 10, amount: 10_000_000 },
    { week: "2025-10-06", outcome: "won" as const, closeWeek: 4, deals: 20, amount: 20_000_000 },
    { week: "2025-10-06", outcome: "lost" as const, closeWeek: 6, deals: 10, amount: 10_000_000 },
  ],
  // Their 1,000 leads: the 20 won deals were created in lag week 1 and won in lag week 5.
  leadCohorts: [{ week: "2025-10-06", leads: 1_000 }],
  leadLag: [{ week: "2025-10-06", dealWeek: 1, wonWeek: 5, wins: 20, amount: 20_000_000 }],
  sourceFlows: [],
};

const example: ForecastInput = {
  period,
  asOf: "2026-02-14",
  target: 180_000_000,
  plan,
  booked: 30_000_000,
  periodFlows: { leads: 400, sqls: 30 },
  openDeals: [
    { createdOn: "2026-02-07", deals: 1, amount: 5_000_000 },
    { createdOn: "2026-01-15", deals: 1, amount: 2_100_000 },
  ],
  leadsByDay: [
    { createdOn: "2026-02-10", source: "webinar", leads: 100 },
    { createdOn: "2026-01-10", source: "webinar", leads: 300 },
  ],
  ...history,
};

describe("forecastPeriod: the worked example", () => {
  const forecast = forecastPeriod(example);

  it("gives each open deal its chance from the life table", () => {
    // 50,000.00 at age 7: survives the 25% lost in week 2, then wins 2/3 in week 4: 50%.
    // 21,000.00 at age 30: 4 of week 4's 7 days remain, 4/7 x 2/3 = 8/21: 8,000.00.
    // No category recorded: one part, at the all-deals chance.
    expect(forecast.pipeline).toEqual({
      expected: 3_300_000,
      deals: 2,
      amount: 7_100_000,
      byCategory: [
        { category: null, deals: 2, amount: 7_100_000, expected: 3_300_000, learned: false },
      ],
      categoriesFrom: "2026-02-14",
    });
  });

  it("counts what the leads in hand and the leads to come bring", () => {
    // 100 leads of age 4 bring 200.00 each; the 300 of age 35 already had their deal week.
    expect(forecast.leadsInHand).toEqual({ expected: 2_000_000, leads: 400 });
    // 100 planned leads a day for 45 days; 7 days' worth are won before 31 March.
    expect(forecast.leadsToCome).toEqual({ expected: 14_000_000, leads: 4_500 });
  });

  it("sums the parts to the total and puts a range around it", () => {
    expect(forecast.booked).toBe(30_000_000);
    expect(forecast.total).toBe(30_000_000 + 3_300_000 + 2_000_000 + 14_000_000);
    expect(forecast.low).toBe(41_003_055);
    expect(forecast.high).toBe(57_596_945);
    expect(forecast.status).toBe("off_track");
  });

  it("measures the lag from the leads to their wins", () => {
    expect(forecast.lag.medianDays).toBe(38);
    expect(forecast.lag.q0).toBeCloseTo(52 / 90, 12);
    expect(forecast.lag.q1).toBeCloseTo(38 / 90, 12);
    expect(forecast.lag.leadToWon).toBeCloseTo(0.02, 12);
    expect(forecast.lag.weeks).toEqual([{ week: 5, share: 1 }]);
  });

  it("says what this period's leads bring next period", () => {
    // 38 of the 45 days' planned leads are won in April-June: 38 x 100 x 200.00.
    expect(forecast.nextPeriod.expected).toBe(76_000_000);
  });

  it("plans the rest of the period's leads for the lag", () => {
    const { reverseFunnel } = forecast;
    expect(reverseFunnel.winsNeeded).toBe(180);
    expect(reverseFunnel.winsInHand).toBeCloseTo(35.3, 9);
    expect(reverseFunnel.shareInTime).toBeCloseTo(7 / 45, 12);
    expect(reverseFunnel.whole).toBe(46_511);
    expect(forecast.history).toEqual({ wonDeals: 20, enough: true, from: "2025-01-06" });
  });
});

describe("forecastPeriod: too little history", () => {
  it("falls back to the plan's rates and says so", () => {
    const thin = forecastPeriod({
      ...example,
      dealLag: example.dealLag.map((cell) =>
        cell.outcome === "won" ? { ...cell, deals: 19 } : cell,
      ),
    });
    expect(thin.history.enough).toBe(false);
    // Every open deal at the plan's 32% win rate.
    expect(thin.pipeline.expected).toBe(2_272_000);
    // The 370 leads without an SQL yet at 2% lead->won, 10,000.00 a win.
    expect(thin.leadsInHand.expected).toBe(7_400_000);
    expect(thin.leadsToCome.expected).toBe(90_000_000);
    expect(thin.lag).toMatchObject({ q0: 1, q1: 0, medianDays: null });
  });
});

describe("forecastPeriod: rules", () => {
  it("gives no verdict while nothing but the plan is there to forecast from", () => {
    const empty: ForecastInput = {
      ...example,
      booked: 0,
      periodFlows: { leads: 0, sqls: 0 },
      openDeals: [],
      leadsByDay: [],
    };
    expect(forecastPeriod(empty).status).toBe("not_started");
    const oneLead = {
      ...empty,
      leadsByDay: [{ createdOn: "2026-02-01", source: "web", leads: 1 }],
    };
    expect(forecastPeriod(oneLead).status).not.toBe("not_started");
  });

  it("never reads a lag week some cohort has not completed by asOf", () => {
    // The same cohort three weeks after its start has completed no lag week yet.
    const early = forecastPeriod({ ...example, asOf: "2025-10-20" });
    expect(early.history.wonDeals).toBe(0);
  });

  it("forecasts an open deal with no chance once the period is over", () => {
    const last = forecastPeriod({ ...example, asOf: "2026-03-31" });
    expect(last.pipeline.expected).toBe(0);
    expect(last.leadsToCome).toEqual({ expected: 0, leads: 0 });
  });
});

describe("lagAwareFunnel: the revenue model's worked example", () => {
  it("needs 9,000 leads where the naive funnel says 8,000", () => {
    const result = lagAwareFunnel({
      winsNeeded: 5_000_000 / 50_000,
      winsInHand: 66.25,
      leadToWon: 0.0125,
      shareInTime: 0.3,
    });
    expect(result).toEqual({ naiveLeads: 8_000, exact: expect.closeTo(9_000, 9), whole: 9_000 });
  });

  it("needs nothing once the wins in hand cover the target, and cannot plan without time", () => {
    expect(
      lagAwareFunnel({ winsNeeded: 10, winsInHand: 12, leadToWon: 0.01, shareInTime: 0.3 }).whole,
    ).toBe(0);
    expect(
      lagAwareFunnel({ winsNeeded: 10, winsInHand: 2, leadToWon: 0.01, shareInTime: 0 }).whole,
    ).toBeNull();
  });
});

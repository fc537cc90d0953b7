import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FunnelCounts } from "./funnel";
import { NO_DATA_REASON, type PaceGap, paceGap } from "./pace-gap";
import { plannedFunnel } from "./reverse-funnel";

// The worked example of docs/revenue-model.md in cents: the plan to date is 2,000 leads -> 400,000.
const rates = { leadToMql: 0.25, mqlToSql: 0.3, sqlToWon: 40 / 150, avgDealSize: 1_000_000 };
const actual: FunnelCounts = { leads: 1800, mqls: 540, sqls: 135, wins: 30, revenue: 33_000_000 };

function parts(result: PaceGap): number[] {
  if (result.kind !== "decomposed") throw new Error(`not decomposed: ${result.reason}`);
  return [
    result.planVsTarget,
    result.activity,
    result.conversion.leadToMql,
    result.conversion.mqlToSql,
    result.conversion.sqlToWon,
    result.dealSize,
  ];
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe("paceGap: the revenue model's example with a plan of explicit leads", () => {
  // Half way through a period whose plan is 4,000 leads (800,000 of revenue) against a target
  // of 840,000: expected to date is 420,000, the plan to date 400,000 (the worked example).
  const planned = plannedFunnel(84_000_000, { ...rates, leads: 4000 });
  const result = paceGap({ target: 84_000_000, share: 0.5, planned, actual });

  it("measures ahead or behind against expected to date, not the plan", () => {
    expect(result.expectedToDate).toBe(42_000_000);
    expect(result.gap).toBe(33_000_000 - 42_000_000);
  });

  it("puts the plan's own shortfall first: (planned revenue - target) x f", () => {
    expect(result.planVsTarget).toBe(-2_000_000);
  });

  it("splits the rest by lever exactly as the worked example, to the cent", () => {
    if (result.kind !== "decomposed") throw new Error("expected a decomposition");
    expect(result.activity).toBe(-3_865_815);
    expect(result.conversion.leadToMql).toBe(6_720_296);
    expect(result.conversion.mqlToSql).toBe(-6_681_370);
    expect(result.conversion.sqlToWon).toBe(-6_681_370);
    expect(result.conversion.total).toBe(-6_642_444);
    expect(result.dealSize).toBe(3_508_259);
  });

  it("adds up to the gap exactly, in whole cents", () => {
    expect(sum(parts(result))).toBe(result.gap);
  });
});

describe("paceGap: derived leads", () => {
  const planned = plannedFunnel(40_000_000, { ...rates, leads: null });
  const result = paceGap({ target: 40_000_000, share: 1, planned, actual });

  it("has no plan-vs-target step and the worked example's gap", () => {
    expect(result.planVsTarget).toBe(0);
    expect(result.gap).toBe(-7_000_000);
    expect(sum(parts(result))).toBe(-7_000_000);
  });

  it("plans with the reverse funnel's whole leads", () => {
    expect(planned.leadsDerived).toBe(true);
    expect(planned.leadsToPlan).toBe(planned.required.whole.leads);
  });
});

describe("paceGap: no facts yet", () => {
  it("blames no lever and says there is no data", () => {
    const planned = plannedFunnel(40_000_000, { ...rates, leads: null });
    const empty = { leads: 0, mqls: 0, sqls: 0, wins: 0, revenue: 0 };
    const result = paceGap({ target: 40_000_000, share: 0.25, planned, actual: empty });
    expect(result.kind).toBe("no_data");
    expect(result.reason).toBe(NO_DATA_REASON);
    expect(result.activity).toBeNull();
    expect(result.gap).toBe(-10_000_000);
  });
});

describe("paceGap: properties", () => {
  const count = fc.integer({ min: 1, max: 50_000 });
  const arbitrary = fc.record({
    target: fc.integer({ min: 1, max: 1e11 }),
    share: fc.double({ min: 0.001, max: 1, noNaN: true }),
    leads: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: null }),
    leadToMql: fc.double({ min: 0.01, max: 1, noNaN: true }),
    mqlToSql: fc.double({ min: 0.01, max: 1, noNaN: true }),
    sqlToWon: fc.double({ min: 0.01, max: 1, noNaN: true }),
    avgDealSize: fc.integer({ min: 100, max: 1e9 }),
    // A funnel that narrows, as real ones do (each stage at most the one before).
    actual: fc
      .tuple(count, count, count, count, fc.integer({ min: 100, max: 1e8 }))
      .map(([leads, a, b, c, deal]) => {
        const mqls = Math.min(leads, a);
        const sqls = Math.min(mqls, b);
        const wins = Math.min(sqls, c);
        return { leads, mqls, sqls, wins, revenue: wins * deal };
      }),
  });

  it("parts add up to actual - expected to date exactly; derived plans have no plan step", () => {
    fc.assert(
      fc.property(arbitrary, ({ target, share, actual: facts, ...plan }) => {
        const planned = plannedFunnel(target, plan);
        const result = paceGap({ target, share, planned, actual: facts });
        // Funnels a million times apart make Shapley terms cancel beyond float precision.
        const scale = result.planToDate.leads / facts.leads;
        fc.pre(scale < 1000 && scale > 0.001);
        expect(result.gap).toBe(facts.revenue - result.expectedToDate);
        expect(sum(parts(result))).toBe(result.gap);
        for (const part of parts(result)) expect(Number.isSafeInteger(part)).toBe(true);
        if (plan.leads === null) expect(result.planVsTarget).toBe(0);
      }),
    );
  });
});

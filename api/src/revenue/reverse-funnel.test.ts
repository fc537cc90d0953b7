import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { forwardFunnel, planCoverage, plannedFunnel, reverseFunnel } from "./reverse-funnel";

// The plan of docs/revenue-model.md: 25% lead->MQL, 30% MQL->SQL, 26.67% SQL->won, 10,000.00 per deal.
const rates = { leadToMql: 0.25, mqlToSql: 0.3, sqlToWon: 40 / 150 };

describe("reverseFunnel", () => {
  it("derives the revenue model's plan from its target", () => {
    const result = reverseFunnel({ target: 40_000_000, rates, avgDealSize: 1_000_000 });
    expect(result.exact.wins).toBe(40);
    expect(result.exact.sqls).toBeCloseTo(150, 9);
    expect(result.exact.mqls).toBeCloseTo(500, 9);
    expect(result.exact.leads).toBeCloseTo(2000, 9);
    // 40 / (40/150) is 150.00000000000003 in floating point; that must not become 151.
    expect(result.whole).toEqual({ wins: 40, sqls: 150, mqls: 500, leads: 2000 });
  });

  it("rounds up stage by stage from whole wins", () => {
    const result = reverseFunnel({
      target: 1_050_000,
      rates: { leadToMql: 0.5, mqlToSql: 0.5, sqlToWon: 0.3 },
      avgDealSize: 100_000,
    });
    expect(result.exact.wins).toBe(10.5);
    expect(result.whole).toEqual({ wins: 11, sqls: 37, mqls: 74, leads: 148 });
  });

  it("needs nothing for a zero target and infinitely much at a zero rate", () => {
    expect(reverseFunnel({ target: 0, rates, avgDealSize: 100 }).whole).toEqual({
      wins: 0,
      sqls: 0,
      mqls: 0,
      leads: 0,
    });
    const stuck = reverseFunnel({ target: 100, rates: { ...rates, mqlToSql: 0 }, avgDealSize: 10 });
    expect(stuck.exact.wins).toBe(10);
    expect(stuck.exact.mqls).toBe(Number.POSITIVE_INFINITY);
    expect(stuck.whole.leads).toBe(Number.POSITIVE_INFINITY);
  });

  it("rejects negative inputs", () => {
    expect(() => reverseFunnel({ target: -1, rates, avgDealSize: 1 })).toThrow(RangeError);
    expect(() =>
      reverseFunnel({ target: 1, rates: { ...rates, sqlToWon: -0.1 }, avgDealSize: 1 }),
    ).toThrow(RangeError);
  });

  it("needs one whole win, not none, for a target far below one deal", () => {
    const tiny = reverseFunnel({
      target: 1,
      rates: { leadToMql: 0.001, mqlToSql: 0.001, sqlToWon: 0.001 },
      avgDealSize: 1_000_000_000,
    });
    expect(tiny.whole).toEqual({ wins: 1, sqls: 1000, mqls: 1_000_000, leads: 1_000_000_000 });
  });

  it("then forwardFunnel returns the target (exact leads) or more (whole leads)", () => {
    const rate = fc.double({ min: 0.001, max: 1, noNaN: true });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e12 }),
        fc.integer({ min: 1, max: 1e9 }),
        rate,
        rate,
        rate,
        (target, avgDealSize, leadToMql, mqlToSql, sqlToWon) => {
          const planRates = { leadToMql, mqlToSql, sqlToWon };
          const required = reverseFunnel({ target, rates: planRates, avgDealSize });
          const exact = forwardFunnel({
            leads: required.exact.leads,
            rates: planRates,
            avgDealSize,
          });
          expect(Math.abs(exact.revenue - target)).toBeLessThanOrEqual(1e-9 * target);
          const whole = forwardFunnel({
            leads: required.whole.leads,
            rates: planRates,
            avgDealSize,
          });
          // Rounding up forgives float noise of 1e-9 per stage, so allow that much shortfall.
          expect(whole.revenue).toBeGreaterThanOrEqual(target * (1 - 1e-8));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("plannedFunnel and coverage", () => {
  it("derives leads from the target when omitted", () => {
    const plan = plannedFunnel(40_000_000, { ...rates, avgDealSize: 1_000_000 });
    expect(plan.funnel.leads).toBeCloseTo(2000, 9);
    expect(plan.funnel.revenue).toBeCloseTo(40_000_000, 4);
    expect(plan.coverage).toBeCloseTo(1, 12);
  });

  it("reports the coverage of planned leads that fall short", () => {
    const plan = plannedFunnel(40_000_000, { ...rates, leads: 1600, avgDealSize: 1_000_000 });
    expect(plan.funnel.wins).toBeCloseTo(32, 9);
    expect(plan.coverage).toBeCloseTo(0.8, 12);
    expect(plan.required.whole.leads).toBe(2000);
  });

  it("has no coverage for a zero target and zero coverage for a stuck plan", () => {
    expect(planCoverage(100, 0)).toBeNull();
    expect(plannedFunnel(100, { ...rates, sqlToWon: 0, avgDealSize: 10 }).coverage).toBe(0);
  });
});

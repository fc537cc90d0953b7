import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { funnelFactors, observedRates, ratio, ratioOr } from "./funnel";

describe("funnel factors", () => {
  it("multiply to revenue", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 1e12 }),
        (leads, mqls, sqls, wins, revenue) => {
          const product = funnelFactors({ leads, mqls, sqls, wins, revenue }).reduce<number>(
            (acc, factor) => acc * (factor ?? Number.NaN),
            1,
          );
          expect(Math.abs(product - revenue)).toBeLessThanOrEqual(1e-12 * revenue);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("are null where a denominator is zero", () => {
    expect(funnelFactors({ leads: 0, mqls: 0, sqls: 0, wins: 0, revenue: 0 })).toEqual([
      0,
      null,
      null,
      null,
      null,
    ]);
    expect(observedRates({ leads: 10, mqls: 5, sqls: 0, wins: 0, revenue: 0 })).toEqual({
      leadToMql: 0.5,
      mqlToSql: 0,
      sqlToWon: null,
      avgDealSize: null,
    });
  });

  it("ratio helpers distinguish a zero denominator", () => {
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratioOr(3, 0, 0)).toBe(0);
  });
});

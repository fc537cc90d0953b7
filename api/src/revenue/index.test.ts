import { describe, expect, it } from "vitest";
import * as revenue from "./index";

describe("the public API", () => {
  it("runs the revenue model's examples through the index alone", () => {
    const plan = revenue.plannedFunnel(40_000_000, {
      leads: 2000,
      leadToMql: 0.25,
      mqlToSql: 0.3,
      sqlToWon: 40 / 150,
      avgDealSize: 1_000_000,
    });
    const gap = revenue.decomposeGap(plan.funnel, {
      leads: 1800,
      mqls: 540,
      sqls: 135,
      wins: 30,
      revenue: 33_000_000,
    });
    expect(gap.kind).toBe("decomposed");
    if (gap.kind === "decomposed") expect(revenue.roundMinor(gap.activity)).toBe(-3_865_815);
    expect(revenue.ATTRIBUTION_MODELS).toHaveLength(7);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FunnelCounts } from "./funnel";
import { decomposeGap, type GapDecomposition } from "./gap-decomposition";

// The worked example of docs/revenue-model.md, in minor units (cents).
const plan: FunnelCounts = { leads: 2000, mqls: 500, sqls: 150, wins: 40, revenue: 40_000_000 };
const actual: FunnelCounts = { leads: 1800, mqls: 540, sqls: 135, wins: 30, revenue: 33_000_000 };

function contributions(result: GapDecomposition): number[] {
  if (result.kind !== "decomposed") throw new Error(`not decomposed: ${result.reason}`);
  return [
    result.activity,
    result.conversion.leadToMql,
    result.conversion.mqlToSql,
    result.conversion.sqlToWon,
    result.dealSize,
  ];
}

function sum(values: readonly number[]): number {
  return values.reduce((acc, value) => acc + value, 0);
}

describe("decomposeGap: the revenue model's worked example", () => {
  const result = decomposeGap(plan, actual);

  it("reproduces every contribution to the cent", () => {
    if (result.kind !== "decomposed") throw new Error("expected a decomposition");
    expect(result.gap).toBe(-7_000_000);
    expect(Math.round(result.activity)).toBe(-3_865_815);
    expect(Math.round(result.conversion.leadToMql)).toBe(6_720_296);
    expect(Math.round(result.conversion.mqlToSql)).toBe(-6_681_370);
    expect(Math.round(result.conversion.sqlToWon)).toBe(-6_681_370);
    expect(Math.round(result.conversion.total)).toBe(-6_642_444);
    expect(Math.round(result.dealSize)).toBe(3_508_259);
  });

  it("sums to the gap", () => {
    expect(sum(contributions(result))).toBeCloseTo(-7_000_000, 6);
  });
});

const count = fc.integer({ min: 1, max: 100_000 });
const funnel = fc.record({
  leads: count,
  mqls: count,
  sqls: count,
  wins: count,
  revenue: fc.integer({ min: 1, max: 1e12 }),
});

/** A funnel that narrows (each stage at most the one before) with deal sizes up to 10M. */
const narrowingFunnel = fc
  .tuple(
    fc.integer({ min: 1, max: 1_000_000 }),
    fc.double({ min: 0.01, max: 1, noNaN: true }),
    fc.double({ min: 0.01, max: 1, noNaN: true }),
    fc.double({ min: 0.01, max: 1, noNaN: true }),
    fc.integer({ min: 100, max: 1_000_000_000 }),
  )
  .map(([leads, r1, r2, r3, dealSize]) => {
    const mqls = Math.max(1, Math.round(leads * r1));
    const sqls = Math.max(1, Math.round(mqls * r2));
    const wins = Math.max(1, Math.round(sqls * r3));
    return { leads, mqls, sqls, wins, revenue: wins * dealSize };
  });

describe("decomposeGap properties", () => {
  it("contributions sum to the gap (1e-9 of the revenues) for realistic funnels", () => {
    fc.assert(
      fc.property(narrowingFunnel, narrowingFunnel, (p, a) => {
        const result = decomposeGap(p, a);
        const tolerance = 1e-9 * Math.max(p.revenue, a.revenue);
        expect(Math.abs(sum(contributions(result)) - result.gap)).toBeLessThanOrEqual(tolerance);
      }),
      { numRuns: 500 },
    );
  });

  it("contributions sum to the gap (1e-9 of the largest contribution) for any positive counts", () => {
    fc.assert(
      fc.property(funnel, funnel, (p, a) => {
        const result = decomposeGap(p, a);
        const parts = contributions(result);
        // Opposite moves (many more leads at a far lower rate) give contributions far above
        // either revenue that cancel; a float sum is exact only relative to its largest terms.
        const magnitude = Math.max(p.revenue, a.revenue, ...parts.map(Math.abs));
        expect(Math.abs(sum(parts) - result.gap)).toBeLessThanOrEqual(1e-9 * magnitude);
      }),
      { numRuns: 500 },
    );
  });

  it("swapping plan and actual negates every contribution", () => {
    fc.assert(
      fc.property(funnel, funnel, (p, a) => {
        const forward = contributions(decomposeGap(p, a));
        const backward = contributions(decomposeGap(a, p));
        forward.forEach((value, index) => {
          expect(backward[index]).toBe(value === 0 ? 0 : -value);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("a factor equal in plan and actual contributes 0", () => {
    fc.assert(
      fc.property(funnel, count, (p, leads) => {
        // Same rates and deal size, different volume: everything is activity.
        const scaled = {
          ...p,
          leads: p.leads * 2,
          mqls: p.mqls * 2,
          sqls: p.sqls * 2,
          wins: p.wins * 2,
          revenue: p.revenue * 2,
        };
        const [activity, ...rest] = contributions(decomposeGap(p, scaled));
        expect(rest).toEqual([0, 0, 0, 0]);
        expect(activity).toBeCloseTo(p.revenue, 3);
        // Same leads, different conversion: no activity contribution.
        const sameLeads = { ...p, mqls: p.mqls + leads };
        expect(contributions(decomposeGap(p, sameLeads))[0]).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});

describe("decomposeGap with zero counts", () => {
  it("zero wins so far: deal size 0/0 takes the plan's value", () => {
    const noWins = { leads: 500, mqls: 120, sqls: 30, wins: 0, revenue: 0 };
    const result = decomposeGap(plan, noWins);
    expect(result.kind).toBe("decomposed");
    if (result.kind !== "decomposed") return;
    expect(result.dealSize).toBe(0);
    expect(sum(contributions(result))).toBeCloseTo(-40_000_000, 4);
    expect(result.conversion.sqlToWon).toBeLessThan(0);
  });

  it("zero leads and nothing downstream: all of it is activity", () => {
    const nothing = { leads: 0, mqls: 0, sqls: 0, wins: 0, revenue: 0 };
    const result = decomposeGap(plan, nothing);
    if (result.kind !== "decomposed") throw new Error("expected a decomposition");
    expect(result.activity).toBeCloseTo(-40_000_000, 4);
    expect(result.conversion).toEqual({ total: 0, leadToMql: 0, mqlToSql: 0, sqlToWon: 0 });
    expect(result.dealSize).toBe(0);
  });

  it("a plan with nothing planned yet takes the actual's rates", () => {
    const nothing = { leads: 0, mqls: 0, sqls: 0, wins: 0, revenue: 0 };
    const result = decomposeGap(nothing, actual);
    if (result.kind !== "decomposed") throw new Error("expected a decomposition");
    expect(result.activity).toBeCloseTo(33_000_000, 4);
    expect(result.dealSize).toBe(0);
    expect(decomposeGap(nothing, nothing)).toEqual({
      kind: "decomposed",
      gap: 0,
      activity: 0,
      conversion: { total: 0, leadToMql: 0, mqlToSql: 0, sqlToWon: 0 },
      dealSize: 0,
    });
  });

  it("MQLs with no leads in the window: null contributions and a reason", () => {
    const orphanMqls = { leads: 0, mqls: 40, sqls: 10, wins: 2, revenue: 2_000_000 };
    const result = decomposeGap(plan, orphanMqls);
    expect(result).toMatchObject({
      kind: "undecomposable",
      gap: 2_000_000 - 40_000_000,
      activity: null,
      conversion: null,
      dealSize: null,
      factor: "leadToMql",
      side: "actual",
    });
    if (result.kind === "undecomposable") expect(result.reason).toContain("40 MQLs but no leads");
  });

  it("reports an impossible plan the same way", () => {
    const result = decomposeGap({ leads: 10, mqls: 5, sqls: 0, wins: 1, revenue: 100 }, actual);
    expect(result).toMatchObject({ kind: "undecomposable", factor: "sqlToWon", side: "plan" });
  });

  it("rejects negative counts", () => {
    expect(() => decomposeGap({ ...plan, leads: -1 }, actual)).toThrow(RangeError);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  expectedShare,
  expectedShares,
  expectedToDate,
  historicalShare,
  linearShare,
  pipelineCoverage,
  planToDate,
  projectRevenue,
} from "./pacing";

const tenDays = { startsOn: "2024-04-01", endsOn: "2024-04-10" };

describe("linear pacing", () => {
  it("is days elapsed inclusive of asOf over days in the period", () => {
    expect(linearShare(tenDays, "2024-04-01")).toBe(0.1);
    expect(linearShare(tenDays, "2024-04-04")).toBe(0.4);
    expect(linearShare(tenDays, "2024-04-10")).toBe(1);
  });

  it("is 0 before the start and capped at 1 after the end", () => {
    expect(linearShare(tenDays, "2024-03-31")).toBe(0);
    expect(linearShare(tenDays, "2025-01-01")).toBe(1);
  });

  it("is 1 on the only day of a one-day period", () => {
    const oneDay = { startsOn: "2024-04-01", endsOn: "2024-04-01" };
    expect(linearShare(oneDay, "2024-04-01")).toBe(1);
    expect(linearShare(oneDay, "2024-03-31")).toBe(0);
    expect(historicalShare(oneDay, "2024-04-01", [[0, 0, 100]])).toBe(1);
  });
});

describe("historical pacing", () => {
  // Two earlier ten-day periods that closed late.
  const late = [0, 0, 0, 0, 10, 10, 20, 30, 50, 100];
  const later = [0, 0, 0, 0, 0, 0, 0, 10, 20, 100];

  it("averages the share booked by the same day", () => {
    expect(historicalShare(tenDays, "2024-04-05", [late, later])).toBeCloseTo(0.05, 12);
    expect(historicalShare(tenDays, "2024-04-09", [late, later])).toBeCloseTo(0.35, 12);
    expect(historicalShare(tenDays, "2024-04-10", [late, later])).toBe(1);
  });

  it("compares periods of different length by relative position", () => {
    // Day 5 of 10 is half way: day 2.5 of a five-day period, between 20% and 60%.
    expect(historicalShare(tenDays, "2024-04-05", [[10, 20, 60, 80, 100]])).toBeCloseTo(0.4, 12);
    // Day 3 of 10 is day 6 of a twenty-day period.
    const twenty = Array.from({ length: 20 }, (_, i) => (i + 1) * 5);
    expect(historicalShare(tenDays, "2024-04-03", [twenty])).toBeCloseTo(0.3, 12);
  });

  it("uses at most four periods, skips empty ones and falls back to linear", () => {
    const flat = Array.from({ length: 10 }, () => 100);
    expect(historicalShare(tenDays, "2024-04-05", [late, late, late, late, flat])).toBeCloseTo(
      0.1,
      12,
    );
    expect(historicalShare(tenDays, "2024-04-05", [late, [0, 0, 0], []])).toBeCloseTo(0.1, 12);
    expect(historicalShare(tenDays, "2024-04-04", [])).toBe(0.4);
    expect(expectedShare(tenDays, "2024-04-04", { method: "historical", history: [] })).toBe(0.4);
  });

  it("is 0 before the start and 1 after the end", () => {
    expect(historicalShare(tenDays, "2024-01-01", [late])).toBe(0);
    expect(historicalShare(tenDays, "2024-12-01", [late])).toBe(1);
  });

  it("never decreases over the period and stays in [0, 1]", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 40 }), {
          maxLength: 5,
        }),
        (daily) => {
          const history = daily.map((amounts) => {
            let running = 0;
            return amounts.map((amount) => {
              running += amount;
              return running;
            });
          });
          const shares = expectedShares(tenDays, { method: "historical", history }).map(
            (d) => d.share,
          );
          shares.forEach((share, index) => {
            expect(share).toBeGreaterThanOrEqual(
              index === 0 ? 0 : (shares[index - 1] ?? 0) - 1e-12,
            );
            expect(share).toBeLessThanOrEqual(1);
          });
          expect(shares[shares.length - 1]).toBeCloseTo(1, 12);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("expected shares series", () => {
  it("has one entry per day matching expectedShare", () => {
    const series = expectedShares(tenDays, { method: "linear" });
    expect(series).toHaveLength(10);
    expect(series[3]).toEqual({ date: "2024-04-04", share: 0.4 });
  });
});

describe("plan to date, projection and coverage", () => {
  it("scales volumes by f and leaves rates and deal size as planned", () => {
    const plan = { leads: 2000, mqls: 500, sqls: 150, wins: 40, revenue: 40_000_000 };
    const toDate = planToDate(plan, 0.25);
    expect(toDate).toEqual({ leads: 500, mqls: 125, sqls: 37.5, wins: 10, revenue: 10_000_000 });
    expect(toDate.mqls / toDate.leads).toBe(plan.mqls / plan.leads);
    expect(toDate.revenue / toDate.wins).toBe(plan.revenue / plan.wins);
    expect(expectedToDate(40_000_000, 0.25)).toBe(10_000_000);
  });

  it("projects actual / f and has no projection at f = 0", () => {
    expect(projectRevenue(3_000_000, 0.25)).toBe(12_000_000);
    expect(projectRevenue(0, 0.5)).toBe(0);
    expect(projectRevenue(100, 0)).toBeNull();
  });

  it("divides open pipeline by the remaining target, null once met", () => {
    expect(pipelineCoverage(9_000_000, 10_000_000, 7_000_000)).toBe(3);
    expect(pipelineCoverage(0, 10_000_000, 7_000_000)).toBe(0);
    expect(pipelineCoverage(5_000, 10_000_000, 10_000_000)).toBeNull();
    expect(pipelineCoverage(5_000, 10_000_000, 12_000_000)).toBeNull();
  });
});

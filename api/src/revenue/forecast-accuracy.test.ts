import { describe, expect, it } from "vitest";
import { accuracyOf, finalParts, weeklyDays } from "./forecast-accuracy";

describe("forecast accuracy", () => {
  it("is forecast / final actual, accurate from 85% to 115%", () => {
    expect(accuracyOf(85_000, 100_000)).toEqual({ ratio: 0.85, accurate: true });
    expect(accuracyOf(115_000, 100_000)).toEqual({ ratio: 1.15, accurate: true });
    expect(accuracyOf(84_999, 100_000)?.accurate).toBe(false);
    expect(accuracyOf(115_001, 100_000)?.accurate).toBe(false);
    expect(accuracyOf(5, 0)).toBeNull();
  });

  it("judges a 90-day period at days 7, 14, ... 84 and its last day", () => {
    const days = weeklyDays({ startsOn: "2026-01-01", endsOn: "2026-03-31" });
    expect(days).toHaveLength(13);
    expect(days.slice(0, 2)).toEqual(["2026-01-07", "2026-01-14"]);
    expect(days.slice(-2)).toEqual(["2026-03-25", "2026-03-31"]);
    expect(weeklyDays({ startsOn: "2026-01-01", endsOn: "2026-01-07" })).toEqual(["2026-01-07"]);
  });

  it("splits the final revenue into sales' deals of the day and marketing's later ones", () => {
    const won = [
      { createdOn: "2025-12-20", amount: 300 },
      { createdOn: "2026-01-10", amount: 500 },
      { createdOn: "2026-02-01", amount: 200 },
    ];
    expect(finalParts(won, "2026-01-10")).toEqual({ sales: 800, marketing: 200, total: 1000 });
    expect(finalParts(won, "2025-12-01")).toEqual({ sales: 0, marketing: 1000, total: 1000 });
  });

  it("judges the worked example of docs/revenue-model.md", () => {
    // Final 1,000,000.00: 800,000.00 from deals created by day 49, 200,000.00 from later ones.
    const won = [
      { createdOn: "2026-01-20", amount: 800_000_00 },
      { createdOn: "2026-03-01", amount: 200_000_00 },
    ];
    const parts = finalParts(won, "2026-02-18");
    expect(parts).toEqual({ sales: 800_000_00, marketing: 200_000_00, total: 1_000_000_00 });
    expect(accuracyOf(930_000_00, parts.total)).toEqual({ ratio: 0.93, accurate: true });
    expect(accuracyOf(700_000_00, parts.sales)).toEqual({ ratio: 0.875, accurate: true });
    expect(accuracyOf(120_000_00, parts.marketing)).toEqual({ ratio: 0.6, accurate: false });
    expect(accuracyOf(820_000_00, parts.total)).toEqual({ ratio: 0.82, accurate: false });
  });
});

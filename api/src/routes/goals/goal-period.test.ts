import { describe, expect, it } from "vitest";
import { nextName, nextPeriod, wholeMonths } from "./goal-period";

describe("the next period", () => {
  it("keeps whole months whole: a quarter stays a quarter, a year a year", () => {
    expect(nextPeriod("2026-10-01", "2026-12-31")).toEqual({
      startsOn: "2027-01-01",
      endsOn: "2027-03-31",
    });
    expect(nextPeriod("2027-11-01", "2028-01-31")).toEqual({
      startsOn: "2028-02-01",
      endsOn: "2028-04-30",
    });
    expect(nextPeriod("2027-01-01", "2027-12-31")).toEqual({
      startsOn: "2028-01-01",
      endsOn: "2028-12-31",
    });
    expect(nextPeriod("2028-01-01", "2028-01-31")).toEqual({
      startsOn: "2028-02-01",
      endsOn: "2028-02-29",
    });
  });

  it("repeats the days of a period that is not whole months", () => {
    expect(nextPeriod("2026-01-05", "2026-01-18")).toEqual({
      startsOn: "2026-01-19",
      endsOn: "2026-02-01",
    });
    expect(wholeMonths("2026-01-05", "2026-01-18")).toBeNull();
  });

  it("names it after this one", () => {
    expect(nextName("Q4 2026 shared revenue", 3)).toBe("Q1 2027 shared revenue");
    expect(nextName("Q2 2026", 3)).toBe("Q3 2026");
    expect(nextName("FY2026", 12)).toBe("FY2027");
    expect(nextName("Spring push", 3)).toBe("Spring push (next period)");
  });
});

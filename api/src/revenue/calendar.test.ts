import { describe, expect, it } from "vitest";
import {
  addCalendarDays,
  boundAsOf,
  dayNumber,
  daysBetween,
  daysElapsed,
  daysInPeriod,
  defaultGoal,
  isIsoDate,
  periodDates,
  throughPeriodEnd,
} from "./calendar";

const q1 = { startsOn: "2024-01-01", endsOn: "2024-03-31" };

describe("calendar days", () => {
  it("counts both ends of a period", () => {
    expect(daysInPeriod(q1)).toBe(91);
    expect(daysInPeriod({ startsOn: "2025-01-01", endsOn: "2025-03-31" })).toBe(90);
    expect(daysInPeriod({ startsOn: "2024-05-05", endsOn: "2024-05-05" })).toBe(1);
  });

  it("counts days elapsed inclusive of asOf, capped to the period", () => {
    expect(daysElapsed(q1, "2023-12-31")).toBe(0);
    expect(daysElapsed(q1, "2024-01-01")).toBe(1);
    expect(daysElapsed(q1, "2024-03-10")).toBe(70);
    expect(daysElapsed(q1, "2024-03-31")).toBe(91);
    expect(daysElapsed(q1, "2025-06-01")).toBe(91);
  });

  it("is not fooled by daylight-saving changes", () => {
    expect(daysBetween("2024-03-30", "2024-04-01")).toBe(2);
    expect(daysBetween("2024-10-26", "2024-10-28")).toBe(2);
    expect(addCalendarDays("2024-03-09", 2)).toBe("2024-03-11");
  });

  it("numbers days from 1970-01-01, across leap days and centuries", () => {
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayNumber("2000-03-01") - dayNumber("2000-02-28")).toBe(2);
    expect(dayNumber("2100-03-01") - dayNumber("2100-02-28")).toBe(1);
    expect(daysBetween("2023-12-31", "2025-01-01")).toBe(367);
    expect(() => dayNumber("2023-02-29")).toThrow(RangeError);
  });

  it("lists the dates of a period", () => {
    expect(periodDates({ startsOn: "2024-02-27", endsOn: "2024-03-01" })).toEqual([
      "2024-02-27",
      "2024-02-28",
      "2024-02-29",
      "2024-03-01",
    ]);
  });

  it("rejects malformed dates and inverted periods", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2024-1-01")).toBe(false);
    expect(() => daysBetween("2024-02-30", "2024-03-01")).toThrow(RangeError);
    expect(() => daysInPeriod({ startsOn: "2024-02-02", endsOn: "2024-02-01" })).toThrow(
      RangeError,
    );
  });
});

describe("boundAsOf", () => {
  it("answers for the requested day inside the period, today by default", () => {
    expect(boundAsOf(q1, "2024-02-10", "2024-02-01")).toBe("2024-02-01");
    expect(boundAsOf(q1, "2024-02-10")).toBe("2024-02-10");
  });

  it("never answers for a day after today", () => {
    expect(boundAsOf(q1, "2024-02-10", "2024-03-20")).toBe("2024-02-10");
    expect(boundAsOf(q1, "2024-02-10", "2027-02-01")).toBe("2024-02-10");
  });

  it("keeps a day before the period at its first day, and a closed period at its last", () => {
    expect(boundAsOf(q1, "2024-02-10", "2023-12-01")).toBe("2024-01-01");
    expect(boundAsOf(q1, "2025-06-01")).toBe("2024-03-31");
    expect(boundAsOf(q1, "2025-06-01", "2027-02-01")).toBe("2024-03-31");
  });

  it("answers for today when the period has not started", () => {
    expect(boundAsOf(q1, "2023-11-15", "2024-02-01")).toBe("2023-11-15");
  });
});

describe("throughPeriodEnd", () => {
  const q1 = { startsOn: "2024-01-01", endsOn: "2024-03-31" };
  it("keeps a day inside the period and caps a later one at its last day", () => {
    expect(throughPeriodEnd(q1, "2024-02-10")).toBe("2024-02-10");
    expect(throughPeriodEnd(q1, "2024-05-01")).toBe("2024-03-31");
    expect(throughPeriodEnd(q1, "2023-12-01")).toBe("2023-12-01");
  });
});

describe("defaultGoal", () => {
  const q1 = { startsOn: "2024-01-01", endsOn: "2024-03-31" };
  const q2 = { startsOn: "2024-04-01", endsOn: "2024-06-30" };
  const q4 = { startsOn: "2024-10-01", endsOn: "2024-12-31" };
  it("is the current period's goal, else the next to start, else the last to end", () => {
    expect(defaultGoal([q2, q1, q4], "2024-02-10")).toBe(q1);
    expect(defaultGoal([q4, q2], "2024-03-15")).toBe(q2);
    expect(defaultGoal([q1, q2], "2024-08-01")).toBe(q2);
    expect(defaultGoal([], "2024-08-01")).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { todayIn } from "./calendar-day";

describe("todayIn", () => {
  it("is the calendar day in the timezone, not in UTC", () => {
    const instant = new Date("2026-01-01T03:30:00Z");
    expect(todayIn("UTC", instant)).toBe("2026-01-01");
    expect(todayIn("America/Los_Angeles", instant)).toBe("2025-12-31");
    expect(todayIn("Asia/Kolkata", new Date("2025-12-31T18:30:00Z"))).toBe("2026-01-01");
  });

  it("writes months and days with two digits", () => {
    expect(todayIn("Europe/Berlin", new Date("2026-03-05T12:00:00Z"))).toBe("2026-03-05");
  });
});

import { describe, expect, it } from "vitest";
import { parseCsvTime, parseInstant } from "./timestamps";

describe("parseInstant", () => {
  it("takes ISO 8601 times with an offset and normalises them to UTC", () => {
    expect(parseInstant("2026-03-01T10:30:00+01:00")).toBe("2026-03-01T09:30:00.000Z");
    expect(parseInstant("2026-03-01T09:30:00Z")).toBe("2026-03-01T09:30:00.000Z");
    expect(parseInstant("2026-03-01 09:30:00.123456-0500")).toBe("2026-03-01T14:30:00.123Z");
    expect(parseInstant("2026-03-01T09:30+05:45")).toBe("2026-03-01T03:45:00.000Z");
  });

  it("refuses times without an offset and dates that do not exist", () => {
    for (const text of [
      "2026-03-01T09:30:00",
      "2026-03-01",
      "2026-02-30T00:00:00Z",
      "2026-13-01T00:00:00Z",
      "2026-03-01T24:00:00Z",
      "0026-03-01T00:00:00Z",
      "March 1, 2026",
      "1709285400",
      "2026-03-01T09:30:00+25:00",
    ]) {
      expect(parseInstant(text), text).toBeNull();
    }
  });

  it("keeps instants in the years 1900 to 9999 after applying the offset", () => {
    expect(parseInstant("9999-12-31T23:00:00Z")).toBe("9999-12-31T23:00:00.000Z");
    expect(parseInstant("1900-01-01T00:00:00Z")).toBe("1900-01-01T00:00:00.000Z");
    expect(parseInstant("9999-12-31T23:00:00-05:00")).toBeNull();
    expect(parseInstant("1900-01-01T00:30:00+01:00")).toBeNull();
    expect(parseCsvTime("9999-12-31 23:30", "America/New_York")).toBeNull();
  });
});

describe("parseCsvTime", () => {
  it("reads times without an offset in the organization's timezone", () => {
    expect(parseCsvTime("2026-03-02 09:14", "America/New_York")).toBe("2026-03-02T14:14:00.000Z");
    expect(parseCsvTime("2026-03-27", "Europe/Berlin")).toBe("2026-03-26T23:00:00.000Z");
    expect(parseCsvTime("2026-03-02T08:14:00.000Z", "Asia/Tokyo")).toBe("2026-03-02T08:14:00.000Z");
  });

  it("moves a time skipped by daylight saving forward and takes the first of a repeated one", () => {
    expect(parseCsvTime("2026-03-08 02:30", "America/New_York")).toBe("2026-03-08T07:30:00.000Z");
    expect(parseCsvTime("2026-11-01 01:30", "America/New_York")).toBe("2026-11-01T05:30:00.000Z");
  });

  it("refuses what is not a date", () => {
    expect(parseCsvTime("03/02/2026", "UTC")).toBeNull();
    expect(parseCsvTime("2026-02-29", "UTC")).toBeNull();
    expect(parseCsvTime("soon", "UTC")).toBeNull();
  });
});

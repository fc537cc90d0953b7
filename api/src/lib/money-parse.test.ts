import { describe, expect, it } from "vitest";
import { toMinorUnits as minor, parseMajorUnits as toMinorUnits } from "./money";

describe("parseMajorUnits, as ingest uses it (no negatives, reasons in words)", () => {
  it("converts without floating-point error", () => {
    expect(toMinorUnits(0.29, 2)).toEqual({ ok: true, minor: 29 });
    expect(toMinorUnits(1.005, 3)).toEqual({ ok: true, minor: 1005 });
    expect(toMinorUnits("19.99", 2)).toEqual({ ok: true, minor: 1999 });
    expect(toMinorUnits(" 12500.50 ", 2)).toEqual({ ok: true, minor: 1250050 });
    expect(toMinorUnits("100.000", 0)).toEqual({ ok: true, minor: 100 });
    expect(toMinorUnits(1e15, 0)).toEqual({ ok: true, minor: 1e15 });
    expect(toMinorUnits(0, 2)).toEqual({ ok: true, minor: 0 });
  });

  it("refuses what is not an exact amount", () => {
    for (const [value, digits] of [
      [100.5, 0],
      ["1.234", 2],
      [-1, 2],
      ["-0.5", 2],
      [Number.NaN, 2],
      [Number.POSITIVE_INFINITY, 2],
      ["1e3", 2],
      ["", 2],
      ["12,50", 2],
      [null, 2],
      [1e-7, 2],
      [1e17, 2],
    ] as const) {
      expect(toMinorUnits(value, digits).ok, String(value)).toBe(false);
    }
  });
});

describe("toMinorUnits, for every other amount", () => {
  it("takes negatives and exponents, exactly", () => {
    expect(minor("-12.50", "USD")).toBe(-1250);
    expect(minor(-0.29, "USD")).toBe(-29);
    expect(minor("-0", "USD")).toBe(0);
    expect(minor(1e-300, "USD")).toBeNull();
    expect(minor(1.5e3, "USD")).toBe(150_000);
  });

  it("answers in words why an ingest amount is refused", () => {
    expect(toMinorUnits(-1, 2)).toEqual({ ok: false, message: "must not be negative" });
    expect(toMinorUnits("1.234", 2)).toEqual({
      ok: false,
      message: "has more than 2 decimal places, the currency's minor unit",
    });
  });
});

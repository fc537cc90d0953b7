import { describe, expect, it } from "vitest";
import { currencyDigits, toMinorUnits } from "./money";

describe("toMinorUnits", () => {
  it("knows each currency's minor unit", () => {
    expect([currencyDigits("USD"), currencyDigits("JPY"), currencyDigits("KWD")]).toEqual([
      2, 0, 3,
    ]);
  });

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

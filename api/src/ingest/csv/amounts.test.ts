import { describe, expect, it } from "vitest";
import { markEvidence, parseAmount } from "./amounts";

describe("locale amounts", () => {
  it.each([
    ["$1,234.56", "point", "1234.56"],
    ["1.234,56", "comma", "1234.56"],
    ["1 234,56 €", "comma", "1234.56"],
    ["1\u202f234,56\u00a0€", "comma", "1234.56"],
    ["24.000,00 EUR", "comma", "24000.00"],
    ["EUR 24.000,00", "comma", "24000.00"],
    ["1'234.50", "point", "1234.50"],
    ["(1,234.00)", "point", "-1234.00"],
    ["-1.234,00", "comma", "-1234.00"],
    ["1.0E7", "point", "10000000"],
    ["1,05E+3", "comma", "1050"],
    ["2.5e-1", "point", "0.25"],
    ["24000", "point", "24000"],
    ["0,5", "comma", "0.5"],
  ] as const)("reads %s with a decimal %s as %s", (cell, mark, value) => {
    expect(parseAmount(cell, mark, "EUR")).toEqual({ ok: true, value });
  });

  it("refuses what is not one amount in the organization's currency", () => {
    expect(parseAmount("1.234,56", "point", "EUR")).toMatchObject({ ok: false });
    expect(parseAmount("12,34,56", "point", "EUR")).toMatchObject({ ok: false });
    expect(parseAmount("1,2345.00", "point", "EUR")).toMatchObject({ ok: false });
    expect(parseAmount("about 10", "point", "EUR")).toMatchObject({ ok: false });
    expect(parseAmount("£10.00", "point", "EUR")).toEqual({
      ok: false,
      message: '"£10.00" is in GBP; the organization counts in EUR',
    });
  });

  it("says which mark a cell proves, and when it reads two ways", () => {
    expect(markEvidence("1.234,56")).toEqual({ kind: "proves", mark: "comma" });
    expect(markEvidence("$1,234.56")).toEqual({ kind: "proves", mark: "point" });
    expect(markEvidence("1,5")).toEqual({ kind: "proves", mark: "comma" });
    expect(markEvidence("12.50")).toEqual({ kind: "proves", mark: "point" });
    expect(markEvidence("1.234.567")).toEqual({ kind: "proves", mark: "comma" });
    expect(markEvidence("12.500")).toEqual({
      kind: "ambiguous",
      readings: { point: "12.500", comma: "12500" },
    });
    expect(markEvidence("24000")).toEqual({ kind: "none" });
    expect(markEvidence("1.0E7")).toEqual({ kind: "none" });
  });
});

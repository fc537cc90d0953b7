import { describe, expect, it } from "vitest";
import { minorDigits, toMajorUnits, toMinorUnits } from "./money";

describe("money", () => {
  it("knows each currency's minor unit", () => {
    expect(minorDigits("USD")).toBe(2);
    expect(minorDigits("JPY")).toBe(0);
    expect(minorDigits("KWD")).toBe(3);
  });

  it("converts decimals to minor units without float error", () => {
    expect(toMinorUnits(0.29, "USD")).toBe(29);
    expect(toMinorUnits("1234.5", "USD")).toBe(123450);
    expect(toMinorUnits(10, "JPY")).toBe(10);
    expect(toMinorUnits(1.5, "JPY")).toBeNull();
    expect(toMinorUnits("1.001", "USD")).toBeNull();
    expect(toMinorUnits("1.100", "USD")).toBe(110);
    expect(toMinorUnits(Number.NaN, "USD")).toBeNull();
    expect(toMinorUnits("abc", "USD")).toBeNull();
  });

  it("converts back to major units", () => {
    expect(toMajorUnits(29, "USD")).toBe(0.29);
    expect(toMajorUnits(33_000_000, "USD")).toBe(330_000);
    expect(toMajorUnits(7, "JPY")).toBe(7);
  });
});

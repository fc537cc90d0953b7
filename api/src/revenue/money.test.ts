import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateLargestRemainder, roundMinor, sumMinor } from "./money";

describe("allocateLargestRemainder", () => {
  it("splits an even amount exactly", () => {
    expect(allocateLargestRemainder(1_000_000, [1, 1, 1, 1])).toEqual([
      250_000, 250_000, 250_000, 250_000,
    ]);
  });

  it("gives leftover units to the largest remainders, ties to the lower index", () => {
    expect(allocateLargestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateLargestRemainder(10, [0.14, 0.43, 0.43])).toEqual([2, 4, 4]);
  });

  it("never credits a zero weight", () => {
    expect(allocateLargestRemainder(7, [0, 1, 0, 1])).toEqual([0, 4, 0, 3]);
  });

  it("rejects negative or fractional amounts and all-zero weights", () => {
    expect(() => allocateLargestRemainder(-1, [1])).toThrow(RangeError);
    expect(() => allocateLargestRemainder(1.5, [1])).toThrow(RangeError);
    expect(() => allocateLargestRemainder(10, [0, 0])).toThrow(RangeError);
    expect(() => allocateLargestRemainder(10, [])).toThrow(RangeError);
  });

  it("sums to the amount exactly with every part within one unit of its exact share", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e13 }),
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 12 }),
        (amount, raw) => {
          const weights = raw.some((w) => w > 0) ? raw : [...raw, 1];
          const credits = allocateLargestRemainder(amount, weights);
          const total = weights.reduce((sum, w) => sum + w, 0);
          expect(credits.reduce((sum, c) => sum + c, 0)).toBe(amount);
          credits.forEach((credit, index) => {
            const weight = weights[index] ?? 0;
            expect(Number.isInteger(credit)).toBe(true);
            expect(credit).toBeGreaterThanOrEqual(0);
            if (weight === 0) expect(credit).toBe(0);
            expect(Math.abs(credit - (amount * weight) / total)).toBeLessThan(1 + 1e-6 * amount);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("sumMinor and roundMinor", () => {
  it("sums integers and refuses fractions", () => {
    expect(sumMinor([1, 2, 3])).toBe(6);
    expect(() => sumMinor([1, 0.5])).toThrow(RangeError);
    expect(() => sumMinor([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });

  it("rounds halves away from zero without negative zero", () => {
    expect(roundMinor(2.5)).toBe(3);
    expect(roundMinor(-2.5)).toBe(-3);
    expect(Object.is(roundMinor(-0.2), 0)).toBe(true);
  });
});

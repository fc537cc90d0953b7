import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shapleyProduct } from "./shapley";

function product(values: readonly number[]): number {
  return values.reduce((acc, value) => acc * value, 1);
}

/** Shapley by definition: every order of switching, each marginal effect averaged. */
function shapleyByPermutations(plan: readonly number[], actual: readonly number[]): number[] {
  const n = plan.length;
  const totals = new Array<number>(n).fill(0);
  let orders = 0;
  const permute = (prefix: number[], rest: number[]): void => {
    if (rest.length === 0) {
      orders += 1;
      const current = [...plan];
      for (const index of prefix) {
        const before = product(current);
        current[index] = actual[index] ?? 0;
        totals[index] = (totals[index] ?? 0) + product(current) - before;
      }
      return;
    }
    rest.forEach((index, position) => {
      permute([...prefix, index], [...rest.slice(0, position), ...rest.slice(position + 1)]);
    });
  };
  permute(
    [],
    plan.map((_, index) => index),
  );
  return totals.map((total) => total / orders);
}

const positive = fc.double({ min: 0.01, max: 1e4, noNaN: true });
const pairOf = (n: number) =>
  fc.tuple(
    fc.array(positive, { minLength: n, maxLength: n }),
    fc.array(positive, { minLength: n, maxLength: n }),
  );
const anyPair = fc.integer({ min: 1, max: 6 }).chain(pairOf);

/**
 * The size of the numbers being added: when factors move in opposite directions (ten times the
 * leads at a tenth of the rate) contributions can dwarf both products and cancel, and a float
 * sum is only accurate relative to its largest terms.
 */
function scale(plan: readonly number[], actual: readonly number[]): number {
  const magnitude = shapleyProduct(plan, actual).reduce((acc, value) => acc + Math.abs(value), 0);
  return Math.max(magnitude, Math.abs(product(plan)), Math.abs(product(actual)), 1);
}

describe("shapleyProduct", () => {
  it("splits a two-factor change symmetrically", () => {
    // Price x volume from 10 x 10 to 12 x 15: the interaction (2 x 5) is split in half.
    expect(shapleyProduct([10, 10], [12, 15])).toEqual([25, 55]);
  });

  it("matches the definition over all orders", () => {
    fc.assert(
      fc.property(anyPair, ([plan, actual]) => {
        const fast = shapleyProduct(plan, actual);
        const slow = shapleyByPermutations(plan, actual);
        const tolerance = 1e-9 * scale(plan, actual);
        fast.forEach((value, index) => {
          expect(Math.abs(value - (slow[index] ?? 0))).toBeLessThanOrEqual(tolerance);
        });
      }),
      { numRuns: 200 },
    );
  });

  it("sums to actual - plan", () => {
    fc.assert(
      fc.property(anyPair, ([plan, actual]) => {
        const sum = shapleyProduct(plan, actual).reduce((acc, value) => acc + value, 0);
        expect(Math.abs(sum - (product(actual) - product(plan)))).toBeLessThanOrEqual(
          1e-9 * scale(plan, actual),
        );
      }),
      { numRuns: 500 },
    );
  });

  it("does not depend on the order of the factors", () => {
    fc.assert(
      fc.property(
        pairOf(5),
        fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }),
        ([plan, actual], order) => {
          const base = shapleyProduct(plan, actual);
          const permuted = shapleyProduct(
            order.map((index) => plan[index] ?? 0),
            order.map((index) => actual[index] ?? 0),
          );
          const tolerance = 1e-9 * scale(plan, actual);
          order.forEach((index, position) => {
            expect(Math.abs((permuted[position] ?? 0) - (base[index] ?? 0))).toBeLessThanOrEqual(
              tolerance,
            );
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("negates every contribution exactly when plan and actual swap", () => {
    fc.assert(
      fc.property(anyPair, ([plan, actual]) => {
        const forward = shapleyProduct(plan, actual);
        const backward = shapleyProduct(actual, plan);
        forward.forEach((value, index) => {
          expect(backward[index]).toBe(value === 0 ? 0 : -value);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("gives exactly 0 to a factor that did not change", () => {
    fc.assert(
      fc.property(pairOf(5), fc.integer({ min: 0, max: 4 }), ([plan, actual], fixed) => {
        const same = actual.map((value, index) => (index === fixed ? (plan[index] ?? 0) : value));
        expect(shapleyProduct(plan, same)[fixed]).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it("gives everything to the only factor that changed", () => {
    expect(shapleyProduct([2, 3, 4], [2, 5, 4])).toEqual([0, 16, 0]);
  });

  it("rejects mismatched or non-finite factors", () => {
    expect(() => shapleyProduct([1, 2], [1])).toThrow(RangeError);
    expect(() => shapleyProduct([], [])).toThrow(RangeError);
    expect(() => shapleyProduct([1, Number.NaN], [1, 2])).toThrow(RangeError);
  });
});

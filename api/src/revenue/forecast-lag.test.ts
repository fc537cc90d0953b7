import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type LeadRates, leadValue } from "./forecast-lag";

/** The definition, cell by cell: each cell's amount x its share of the win and deal windows. */
function leadValueByCells(rates: LeadRates, dealAfter: number, lo: number, hi: number): number {
  const overlap = (w: number, from: number, to: number) => {
    const a = Math.max(7 * w, from);
    const b = Math.min(7 * w + 6, to);
    return b < a ? 0 : (b - a + 1) / 7;
  };
  let value = 0;
  for (const cell of rates.cells) {
    const deal = dealAfter < 0 ? 1 : overlap(cell.dealWeek, dealAfter + 1, 7 * cell.dealWeek + 6);
    value += cell.amount * overlap(cell.wonWeek, lo, hi) * deal;
  }
  return value;
}

const cells = fc.array(
  fc
    .record({ dealWeek: fc.integer({ min: 0, max: 51 }), span: fc.integer({ min: 0, max: 51 }) })
    .chain(({ dealWeek, span }) =>
      fc.record({
        dealWeek: fc.constant(dealWeek),
        wonWeek: fc.constant(Math.min(51, dealWeek + span)),
        amount: fc.double({ min: 0, max: 1e6, noNaN: true }),
        wins: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
    ),
  { maxLength: 60 },
);

describe("a lead's value", () => {
  it("reads the suffix sums as the cells would add up, for any window", () => {
    fc.assert(
      fc.property(
        cells,
        fc.integer({ min: -1, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 120 }),
        (list, dealAfter, lo, width) => {
          const rates: LeadRates = { cells: list, wins: 0 };
          const expected = leadValueByCells(rates, dealAfter, lo, lo + width);
          expect(leadValue(rates, dealAfter, lo, lo + width)).toBeCloseTo(expected, 6);
        },
      ),
    );
  });
});

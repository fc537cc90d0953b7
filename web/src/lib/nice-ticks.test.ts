import { describe, expect, it } from "vitest";
import { niceTicks } from "./nice-ticks";

describe("niceTicks", () => {
  it("counts in quarter millions, not in rounded tenths", () => {
    expect(niceTicks(1_000_000, 2_000_000, 4).ticks).toEqual([
      1_000_000, 1_250_000, 1_500_000, 1_750_000, 2_000_000,
    ]);
  });

  it("covers the data with ticks at both ends", () => {
    const scale = niceTicks(-2_300_000, 1_200_000);
    expect(scale.domain[0]).toBeLessThanOrEqual(-2_300_000);
    expect(scale.domain[1]).toBeGreaterThanOrEqual(1_200_000);
    expect(scale.ticks).toContain(0);
    expect(scale.ticks[0]).toBe(scale.domain[0]);
    expect(scale.ticks.at(-1)).toBe(scale.domain[1]);
  });

  it("uses only 1, 2, 2.5 and 5 times a power of ten, without float noise", () => {
    for (const [low, high] of [
      [0, 0.3],
      [0, 7],
      [0, 123],
      [12, 13],
      [0, 9_876_543],
    ] as const) {
      const { ticks, step } = niceTicks(low, high);
      const multiple = step / 10 ** Math.floor(Math.log10(step));
      expect([1, 2, 2.5, 5]).toContain(Number(multiple.toFixed(6)));
      for (const tick of ticks) expect(String(tick)).not.toMatch(/\.\d*(000000|999999)/);
    }
  });

  it("opens an axis for a flat series", () => {
    expect(niceTicks(0, 0).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(500, 500).domain[0]).toBeLessThan(500);
  });
});

import { describe, expect, it } from "vitest";
import { type BridgeStep, biggestLevers, bridgeLayout } from "./gap-bridge";

const total = (key: string, value: number): BridgeStep => ({
  key,
  label: key,
  kind: "total",
  value,
});
const step = (key: string, value: number): BridgeStep => ({ key, label: key, kind: "step", value });

describe("bridgeLayout", () => {
  it("reaches below zero when the running total does, clipping nothing", () => {
    // A new organization: 40 leads against a plan of hundreds.
    const layout = bridgeLayout([
      total("expected", 1_200_000),
      step("activity", -2_300_000),
      step("conversion", 1_150_000),
      total("actual", 50_000),
    ]);
    expect(layout.cut).toBe(false);
    expect(layout.scale.domain[0]).toBeLessThanOrEqual(-1_100_000);
    const activity = layout.bars[1];
    expect(activity?.from).toBe(1_200_000);
    expect(activity?.to).toBe(-1_100_000);
    for (const bar of layout.bars) {
      expect(bar.left).toBeGreaterThanOrEqual(0);
      expect(bar.left + bar.width).toBeLessThanOrEqual(100 + 1e-9);
    }
  });

  it("draws a step larger than either total at its true length", () => {
    const layout = bridgeLayout([
      total("expected", 100),
      step("up", 900),
      step("down", -950),
      total("actual", 50),
    ]);
    const up = layout.bars[1];
    const expected = layout.bars[0];
    expect(up && expected && up.width / expected.width).toBeCloseTo(9, 6);
  });

  it("zooms to the steps when every level is well above zero, and says the totals are cut", () => {
    const layout = bridgeLayout([
      total("expected", 1_200_000),
      step("a", -40_000),
      step("b", 1),
      total("actual", 1_160_001),
    ]);
    expect(layout.cut).toBe(true);
    expect(layout.scale.domain[0]).toBeGreaterThan(0);
    // The one-unit step keeps its place (a hairline, drawn at least 2 px wide by CSS).
    expect(layout.bars[2]?.width).toBeGreaterThanOrEqual(0);
    expect(layout.bars[2]?.left).toBeCloseTo(layout.at(1_160_000), 9);
  });
});

describe("biggestLevers", () => {
  const lever = (key: string, value: number): BridgeStep => ({
    ...step(key, value),
    owner: "sales",
  });
  it("names the levers that helped and cost most, never the plan's own difference", () => {
    const { lift, drag } = biggestLevers([
      total("expected", 1_000),
      step("planVsTarget", -500),
      lever("activity", -40),
      lever("leadToMql", 30),
      lever("sqlToWon", -90),
      total("actual", 400),
    ]);
    expect(drag?.key).toBe("sqlToWon");
    expect(lift?.key).toBe("leadToMql");
  });
  it("names no lift when every lever cost, and no drag when every lever helped", () => {
    expect(biggestLevers([lever("a", -1), lever("b", -2)]).lift).toBeUndefined();
    expect(biggestLevers([lever("a", 1), lever("b", 2)]).drag).toBeUndefined();
  });
});

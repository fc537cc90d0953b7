import { describe, expect, it } from "vitest";
import { keyResultProgress, keyResultStatus } from "./key-result";

describe("keyResultProgress", () => {
  it("is the share of the way from start to target", () => {
    expect(keyResultProgress({ start: 0, target: 200, current: 50 })).toBe(0.25);
    expect(keyResultProgress({ start: 100, target: 200, current: 250 })).toBe(1.5);
    expect(keyResultProgress({ start: 100, target: 200, current: 80 })).toBe(-0.2);
  });

  it("works for targets where lower is better", () => {
    expect(keyResultProgress({ start: 5, target: 3, current: 4 })).toBe(0.5);
    expect(keyResultProgress({ start: 5, target: 3, current: 6 })).toBe(-0.5);
    expect(keyResultProgress({ start: 5, target: 3, current: 2 })).toBe(1.5);
  });

  it("is 1 when a start-equals-target key result holds the line, else 0", () => {
    expect(keyResultProgress({ start: 10, target: 10, current: 10 })).toBe(1);
    expect(keyResultProgress({ start: 10, target: 10, current: 12 })).toBe(1);
    expect(keyResultProgress({ start: 10, target: 10, current: 9 })).toBe(0);
    expect(keyResultProgress({ start: 2, target: 2, current: 1.5, direction: "decrease" })).toBe(1);
    expect(keyResultProgress({ start: 2, target: 2, current: 2.5, direction: "decrease" })).toBe(0);
  });

  it("rejects non-finite values", () => {
    expect(() => keyResultProgress({ start: 0, target: Number.NaN, current: 1 })).toThrow(
      RangeError,
    );
  });
});

describe("keyResultStatus", () => {
  it("is not started before there is any value, whatever the pace or confidence", () => {
    expect(keyResultStatus({ progress: null, expected: 0.9, confidence: null })).toBe(
      "not_started",
    );
    expect(keyResultStatus({ progress: null, expected: 0.9, confidence: 2 })).toBe("not_started");
  });

  it("compares progress with pace", () => {
    expect(keyResultStatus({ progress: 0.5, expected: 0.5, confidence: null })).toBe("on_track");
    expect(keyResultStatus({ progress: 0.45, expected: 0.5, confidence: null })).toBe("at_risk");
    expect(keyResultStatus({ progress: 0.4, expected: 0.5, confidence: null })).toBe("off_track");
  });

  it("cannot be behind before anything is expected, and is on_track once done", () => {
    expect(keyResultStatus({ progress: 0.1, expected: 0, confidence: null })).toBe("on_track");
    // Nothing expected and nothing done (a funnel-fed key result before its period): no verdict.
    expect(keyResultStatus({ progress: 0, expected: 0, confidence: null })).toBe("not_started");
    expect(keyResultStatus({ progress: 0, expected: 0, confidence: 9 })).toBe("on_track");
    expect(keyResultStatus({ progress: 1, expected: 1, confidence: 1 })).toBe("on_track");
  });

  it("lets high confidence lift at_risk but never off_track", () => {
    expect(keyResultStatus({ progress: 0.45, expected: 0.5, confidence: 7 })).toBe("on_track");
    expect(keyResultStatus({ progress: 0.2, expected: 0.5, confidence: 10 })).toBe("off_track");
    expect(keyResultStatus({ progress: 0.45, expected: 0.5, confidence: 6 })).toBe("at_risk");
  });

  it("lets low confidence lower the status one step", () => {
    expect(keyResultStatus({ progress: 0.6, expected: 0.5, confidence: 3 })).toBe("at_risk");
    expect(keyResultStatus({ progress: 0.45, expected: 0.5, confidence: 2 })).toBe("off_track");
    expect(keyResultStatus({ progress: 0, expected: 0, confidence: 1 })).toBe("at_risk");
  });

  it("takes custom thresholds", () => {
    const thresholds = { onTrack: 1, atRisk: 0.5, highConfidence: 9, lowConfidence: 1 };
    expect(keyResultStatus({ progress: 0.3, expected: 0.5, confidence: 8, thresholds })).toBe(
      "at_risk",
    );
  });
});

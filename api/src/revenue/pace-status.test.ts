import { describe, expect, it } from "vitest";
import { paceStatus, statusFromRatio } from "./pace-status";

describe("paceStatus", () => {
  it("uses projected / target against 1.0 and 0.85 by default", () => {
    expect(paceStatus(1_000, 1_000)).toBe("on_track");
    expect(paceStatus(999, 1_000)).toBe("at_risk");
    expect(paceStatus(850, 1_000)).toBe("at_risk");
    expect(paceStatus(849, 1_000)).toBe("off_track");
  });

  it("takes per-goal thresholds", () => {
    const strict = { onTrack: 1.1, atRisk: 0.95 };
    expect(paceStatus(1_050, 1_000, strict)).toBe("at_risk");
    expect(paceStatus(900, 1_000, strict)).toBe("off_track");
    expect(() => statusFromRatio(1, { onTrack: 0.8, atRisk: 0.9 })).toThrow(RangeError);
  });

  it("is on_track with no projection yet or a zero target", () => {
    expect(paceStatus(null, 1_000)).toBe("on_track");
    expect(paceStatus(0, 0)).toBe("on_track");
  });
});

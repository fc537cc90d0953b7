import { describe, expect, it } from "vitest";
import { summarizePace } from "./pace-summary";

const q = { startsOn: "2024-01-01", endsOn: "2024-01-10" };
const base = { period: q, target: 1_000_000, actual: 300_000, openPipeline: 2_100_000 };

describe("summarizePace", () => {
  it("puts share, expectation, projection, coverage and status together", () => {
    expect(summarizePace({ ...base, asOf: "2024-01-04" })).toEqual({
      daysInPeriod: 10,
      daysElapsed: 4,
      share: 0.4,
      expectedToDate: 400_000,
      attainment: 0.3,
      projected: 750_000,
      pipelineCoverage: 3,
      status: "off_track",
    });
  });

  it("before the start expects nothing and projects nothing", () => {
    const summary = summarizePace({ ...base, actual: 0, asOf: "2023-12-01" });
    expect(summary.share).toBe(0);
    expect(summary.expectedToDate).toBe(0);
    expect(summary.projected).toBeNull();
    expect(summary.status).toBe("on_track");
  });

  it("after the end the projection is the actual", () => {
    const summary = summarizePace({ ...base, actual: 900_000, asOf: "2024-03-01" });
    expect(summary.share).toBe(1);
    expect(summary.projected).toBe(900_000);
    expect(summary.status).toBe("at_risk");
  });

  it("uses historical pacing and per-goal thresholds when given", () => {
    const history = [[0, 0, 0, 0, 100, 100, 200, 300, 500, 1_000]];
    const summary = summarizePace({
      ...base,
      asOf: "2024-01-05",
      actual: 120_000,
      pacing: { method: "historical", history },
      thresholds: { onTrack: 1.2, atRisk: 1 },
    });
    expect(summary.share).toBeCloseTo(0.1, 12);
    expect(summary.projected).toBeCloseTo(1_200_000, 6);
    expect(summary.status).toBe("on_track");
  });

  it("has no attainment or coverage against a zero target", () => {
    const summary = summarizePace({ ...base, target: 0, asOf: "2024-01-04" });
    expect(summary.attainment).toBeNull();
    expect(summary.pipelineCoverage).toBeNull();
    expect(summary.status).toBe("on_track");
  });
});

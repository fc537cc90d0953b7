import { daysElapsed, daysInPeriod, type IsoDate, type Period } from "./calendar";
import { assertMinorUnits, type MinorUnits } from "./money";
import {
  DEFAULT_STATUS_THRESHOLDS,
  type PaceStatus,
  paceStatus,
  type StatusThresholds,
} from "./pace-status";
import {
  expectedToDate,
  type Pacing,
  pipelineCoverage,
  projectRevenue,
  shareAfterDays,
} from "./pacing";

export type PaceInput = {
  period: Period;
  asOf: IsoDate;
  target: MinorUnits;
  /** Won revenue in the period up to and including asOf. */
  actual: MinorUnits;
  /** Amount of the deals still open. */
  openPipeline: MinorUnits;
  pacing?: Pacing | undefined;
  thresholds?: StatusThresholds | undefined;
};

export type PaceSummary = {
  daysInPeriod: number;
  daysElapsed: number;
  /** Expected share f of the period's revenue done by asOf. */
  share: number;
  expectedToDate: number;
  /** actual / target; null for a zero target. */
  attainment: number | null;
  projected: number | null;
  pipelineCoverage: number | null;
  status: PaceStatus;
};

/** Everything the goal summary needs about pace, in one call. */
export function summarizePace(input: PaceInput): PaceSummary {
  assertMinorUnits(input.target, "target");
  assertMinorUnits(input.actual, "actual");
  assertMinorUnits(input.openPipeline, "openPipeline");
  const pacing = input.pacing ?? { method: "linear" };
  const total = daysInPeriod(input.period);
  const elapsed = daysElapsed(input.period, input.asOf);
  const share = shareAfterDays(elapsed, total, pacing);
  const projected = projectRevenue(input.actual, share);
  return {
    daysInPeriod: total,
    daysElapsed: elapsed,
    share,
    expectedToDate: expectedToDate(input.target, share),
    attainment: input.target > 0 ? input.actual / input.target : null,
    projected,
    pipelineCoverage: pipelineCoverage(input.openPipeline, input.target, input.actual),
    status: paceStatus(projected, input.target, input.thresholds ?? DEFAULT_STATUS_THRESHOLDS),
  };
}

import {
  DEFAULT_STATUS_THRESHOLDS,
  type PaceStatus,
  type StatusThresholds,
  statusFromRatio,
} from "./pace-status";

export type KeyResultDirection = "increase" | "decrease";

export type KeyResultProgressInput = {
  start: number;
  target: number;
  current: number;
  /**
   * Only consulted when start equals target (a "hold the line" key result), where the
   * direction cannot be read from the numbers. Defaults to "increase" (at least the target).
   */
  direction?: KeyResultDirection | undefined;
};

/**
 * Share of the way from start to target: (current - start) / (target - start). The formula
 * handles decreasing targets by itself (churn 5% -> 3%, now 4%: (4-5)/(3-5) = 0.5). The value
 * is not clamped: above 1 is overachievement, below 0 is moving away from the target.
 * When start equals target the ratio is undefined: progress is 1 if the target is held
 * (current >= target when increasing, <= when decreasing) and 0 otherwise.
 */
export function keyResultProgress(input: KeyResultProgressInput): number {
  const { start, target, current } = input;
  for (const [name, value] of [
    ["start", start],
    ["target", target],
    ["current", current],
  ] as const) {
    if (!Number.isFinite(value))
      throw new RangeError(`${name} must be a finite number, got ${value}`);
  }
  if (start === target) {
    const held =
      (input.direction ?? "increase") === "increase" ? current >= target : current <= target;
    return held ? 1 : 0;
  }
  return (current - start) / (target - start);
}

export type KeyResultStatusThresholds = StatusThresholds & {
  /** Confidence at or above which an at_risk key result is trusted to be on_track. */
  highConfidence: number;
  /** Confidence at or below which the owner's doubt lowers the status by one step. */
  lowConfidence: number;
};

export const DEFAULT_KEY_RESULT_THRESHOLDS: KeyResultStatusThresholds = {
  ...DEFAULT_STATUS_THRESHOLDS,
  highConfidence: 7,
  lowConfidence: 3,
};

/** A key result nobody has checked in on yet (and with no live value) has no status to show. */
export type KeyResultStatus = PaceStatus | "not_started";

export type KeyResultStatusInput = {
  /** Null before there is any value: no check-in yet, or a live metric with nothing to read. */
  progress: number | null;
  /** Expected share f of the period done (the goal's pace). */
  expected: number;
  /** The last check-in's confidence, 1-10; null before the first check-in. */
  confidence: number | null;
  thresholds?: KeyResultStatusThresholds | undefined;
};

/**
 * Status from progress against pace, adjusted by the owner's last confidence:
 * 0. No value yet (progress null) is not_started: nothing to judge, so not "off track".
 * 1. Done (progress >= 1) is on_track whatever the confidence.
 * 2. Pace: progress / expected against the thresholds (>= 1.0 on_track, >= 0.85 at_risk, else
 *    off_track); nothing expected yet (expected = 0) cannot be behind, so on_track; but with
 *    no progress and no check-in either it is not_started (a funnel-fed key result of a period
 *    not begun reads 0, which judges nothing).
 * 3. Confidence: high (>= 7) lifts at_risk to on_track, since the owner sees deals the numbers
 *    don't yet; low (<= 3) lowers on_track to at_risk and at_risk to off_track. Confidence never
 *    lifts off_track: hope does not close a gap of more than 15% of pace.
 */
export function keyResultStatus(input: KeyResultStatusInput): KeyResultStatus {
  const thresholds = input.thresholds ?? DEFAULT_KEY_RESULT_THRESHOLDS;
  if (input.progress === null) return "not_started";
  if (input.progress >= 1) return "on_track";
  if (input.expected <= 0 && input.progress <= 0 && input.confidence === null) return "not_started";
  const pace =
    input.expected > 0 ? statusFromRatio(input.progress / input.expected, thresholds) : "on_track";
  const { confidence } = input;
  if (confidence === null) return pace;
  if (confidence <= thresholds.lowConfidence) return pace === "on_track" ? "at_risk" : "off_track";
  if (confidence >= thresholds.highConfidence && pace === "at_risk") return "on_track";
  return pace;
}

export type PaceStatus = "on_track" | "at_risk" | "off_track";

/** A goal's status thresholds on projected / target; each goal may set its own. */
export type StatusThresholds = {
  onTrack: number;
  atRisk: number;
};

export const DEFAULT_STATUS_THRESHOLDS: StatusThresholds = { onTrack: 1.0, atRisk: 0.85 };

export function assertThresholds(thresholds: StatusThresholds): void {
  const { onTrack, atRisk } = thresholds;
  if (!Number.isFinite(onTrack) || !Number.isFinite(atRisk) || atRisk < 0 || atRisk > onTrack) {
    throw new RangeError(
      `thresholds must satisfy 0 <= atRisk <= onTrack, got atRisk ${atRisk}, onTrack ${onTrack}`,
    );
  }
}

/** Places a ratio (projected / target, or progress / expected) against the thresholds. */
export function statusFromRatio(
  value: number,
  thresholds: StatusThresholds = DEFAULT_STATUS_THRESHOLDS,
): PaceStatus {
  assertThresholds(thresholds);
  if (value >= thresholds.onTrack) return "on_track";
  if (value >= thresholds.atRisk) return "at_risk";
  return "off_track";
}

/**
 * The goal's status from its projection: projected / target >= onTrack is on_track, >= atRisk
 * at_risk, else off_track. With no projection yet (nothing is expected so far) the goal cannot
 * be behind, and a zero target is met by any result: both are on_track.
 */
export function paceStatus(
  projected: number | null,
  target: number,
  thresholds: StatusThresholds = DEFAULT_STATUS_THRESHOLDS,
): PaceStatus {
  assertThresholds(thresholds);
  if (projected === null || target <= 0) return "on_track";
  return statusFromRatio(projected / target, thresholds);
}

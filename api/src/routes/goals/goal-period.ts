import { daysBetween, isIsoDate } from "../../revenue/calendar";

/**
 * The longest goal period: a year, leap day included. Every per-goal figure (the summary's
 * daily series, pacing, history periods, the forecast) grows with the period's days, so this
 * bound is what keeps one request's work small; docs/security.md lists it with the others.
 */
export const MAX_PERIOD_DAYS = 366;

/** Why a period is not acceptable (on the field `endsOn`), or null when it is. */
export function periodProblem(startsOn: string, endsOn: string): string | null {
  // A date that is not one has its own error on its field already.
  if (!isIsoDate(startsOn) || !isIsoDate(endsOn)) return null;
  if (endsOn < startsOn) return "must be on or after startsOn";
  if (daysBetween(startsOn, endsOn) + 1 > MAX_PERIOD_DAYS) {
    return `must be at most ${MAX_PERIOD_DAYS} days after startsOn, both days included (a goal covers a year at most)`;
  }
  return null;
}

import { addCalendarDays, type Period, throughPeriodEnd } from "../../revenue";
import { dayRangeIn, startOfDayIn } from "../../summary/org-calendar";

/**
 * The leads a lead-quality figure counts, as of a day: created on the period's days up to
 * asOf (the cohort), their outcomes followed up to the end of asOf even past the period's end
 * (docs/decisions/006-lead-quality-by-cohort.md). The screen and the digest both read this.
 */
export function leadQualityWindow(period: Period, asOf: string, timezone: string) {
  const through = throughPeriodEnd(period, asOf);
  return {
    ...dayRangeIn(period.startsOn, through, timezone),
    cut: startOfDayIn(addCalendarDays(asOf, 1), timezone),
  };
}

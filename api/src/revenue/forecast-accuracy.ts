import { addCalendarDays, type IsoDate, type Period } from "./calendar";
import type { MinorUnits } from "./money";

/** A forecast or call within 85-115% of the final actual counts as accurate (docs/revenue-model.md). */
export const ACCURATE_RANGE = { low: 0.85, high: 1.15 } as const;

export type Accuracy = { ratio: number; accurate: boolean } | null;

/** forecast / final actual; null when there is nothing to compare against. */
export function accuracyOf(forecast: MinorUnits, actual: MinorUnits): Accuracy {
  if (!(actual > 0)) return null;
  const ratio = forecast / actual;
  return { ratio, accurate: ratio >= ACCURATE_RANGE.low && ratio <= ACCURATE_RANGE.high };
}

/**
 * The days a period is judged at: the last day of each whole week from its start (day 7, 14,
 * ...), and its last day.
 */
export function weeklyDays(period: Period): IsoDate[] {
  const days: IsoDate[] = [];
  for (
    let day = addCalendarDays(period.startsOn, 6);
    day < period.endsOn;
    day = addCalendarDays(day, 7)
  )
    days.push(day);
  days.push(period.endsOn);
  return days;
}

/**
 * What each team's part of a closed period finally came to, seen from a day: sales' part is
 * the revenue won from deals created by that day (booked and in its pipeline then), marketing's
 * the revenue won from deals created after it (from leads in hand or still to come).
 */
export function finalParts(
  wonByCreationDay: readonly { createdOn: IsoDate; amount: MinorUnits }[],
  day: IsoDate,
): { sales: MinorUnits; marketing: MinorUnits; total: MinorUnits } {
  let sales = 0;
  let total = 0;
  for (const row of wonByCreationDay) {
    total += row.amount;
    if (row.createdOn <= day) sales += row.amount;
  }
  return { sales, marketing: total - sales, total };
}

import { TZDate } from "@date-fns/tz";
import { addCalendarDays } from "../revenue";

export { todayIn } from "@tandem/db/calendar-day";

/** The instant the organization's calendar day starts, for range queries on timestamps. */
export function startOfDayIn(day: string, timezone: string): Date {
  const [year = 1970, month = 1, date = 1] = day.split("-").map(Number);
  return new Date(new TZDate(year, month - 1, date, timezone).getTime());
}

/** [start of `from`, start of the day after `to`) in the organization's timezone. */
export function dayRangeIn(from: string, to: string, timezone: string): { from: Date; to: Date } {
  return { from: startOfDayIn(from, timezone), to: startOfDayIn(addCalendarDays(to, 1), timezone) };
}

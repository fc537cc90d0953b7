import { TZDate } from "@date-fns/tz";
import { format, startOfISOWeek } from "date-fns";

/** When in the organization's week the digest goes out, and from when reminders are sent. */
export const DIGEST_AT = { isoWeekday: 1, hour: 8 } as const;
export const REMINDERS_FROM_HOUR = 9;

export interface LocalMoment {
  /** YYYY-MM-DD in the organization's timezone. */
  day: string;
  /** The Monday of this ISO week, YYYY-MM-DD. */
  weekStart: string;
  /** 1 = Monday … 7 = Sunday. */
  isoWeekday: number;
  hour: number;
}

export function localMoment(now: Date, timezone: string): LocalMoment {
  const local = new TZDate(now, timezone);
  return {
    day: format(local, "yyyy-MM-dd"),
    weekStart: format(startOfISOWeek(local), "yyyy-MM-dd"),
    isoWeekday: Number(format(local, "i")),
    hour: local.getHours(),
  };
}

/**
 * The week whose digest is due: this week's, once its Monday 8:00 has passed in the
 * organization's timezone. A server that was down on Monday sends it when it comes back
 * (the key names the week, so never twice); last week's is not sent late on Monday morning.
 */
export function digestWeekDue(now: Date, timezone: string): string | null {
  const at = localMoment(now, timezone);
  if (at.isoWeekday === DIGEST_AT.isoWeekday && at.hour < DIGEST_AT.hour) return null;
  return at.weekStart;
}

/**
 * Today, once reminders may be sent: a working day (Monday to Friday) from 9:00 in the
 * organization's timezone. A key result overdue on Saturday is reminded on Monday morning.
 */
export function reminderDayDue(now: Date, timezone: string): string | null {
  const at = localMoment(now, timezone);
  return at.isoWeekday <= 5 && at.hour >= REMINDERS_FROM_HOUR ? at.day : null;
}

import { TZDate } from "@date-fns/tz";
import {
  addDays,
  addQuarters,
  differenceInCalendarDays,
  format,
  getDay,
  isValid,
  parse,
  startOfQuarter,
  subDays,
  subQuarters,
} from "date-fns";

/** One calendar day of the organization, with its bounds as instants (epoch seconds). */
export interface DemoDay {
  index: number;
  iso: string;
  year: number;
  /** 1-12. */
  month: number;
  dayOfMonth: number;
  /** 0 = Sunday. */
  weekday: number;
  /** Index into the calendar's quarters; -1 for the warm-up days before the first one. */
  quarter: number;
  /** 0 on the first day of its quarter. */
  dayOfQuarter: number;
  startSec: number;
  /** Start of the next day: 23 or 25 hours later on daylight-saving days. */
  endSec: number;
}

export interface DemoQuarter {
  index: number;
  year: number;
  /** 1-4. */
  number: number;
  startsOn: string;
  endsOn: string;
  firstDay: number;
  lastDay: number;
  startSec: number;
  endSec: number;
}

export interface DemoCalendar {
  timezone: string;
  today: string;
  /** The warm-up days, then every day of the five quarters, the rest of the current one included. */
  days: DemoDay[];
  /** Oldest first; the last one contains today. */
  quarters: DemoQuarter[];
  todayIndex: number;
  /** Start of today: every generated fact happened before it, so nothing lies in the future. */
  cutoffSec: number;
}

/** The quarter containing today and the four before it. */
export const QUARTERS = 5;
/**
 * Leads also arrive in the weeks before the first quarter, so that it opens with pipeline
 * already in flight instead of a company that starts from nothing.
 */
export const WARM_UP_DAYS = 60;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function buildCalendar(today: string, timezone: string): DemoCalendar {
  const parsed = parse(today, "yyyy-MM-dd", new Date(0));
  if (!ISO_DATE.test(today) || !isValid(parsed)) {
    throw new RangeError(`today must be an ISO date (YYYY-MM-DD), got "${today}"`);
  }
  const todayStart = new TZDate(
    parsed.getFullYear(),
    parsed.getMonth(),
    parsed.getDate(),
    timezone,
  );
  const currentQuarter = startOfQuarter(todayStart);
  const quarters: DemoQuarter[] = [];
  const days: DemoDay[] = [];
  const first = subQuarters(currentQuarter, QUARTERS - 1);
  const end = addQuarters(currentQuarter, 1);
  for (let day = subDays(first, WARM_UP_DAYS); day.getTime() < end.getTime(); ) {
    const next = addDays(day, 1);
    const quarterStart = startOfQuarter(day);
    const inWindow = day.getTime() >= first.getTime();
    if (inWindow && day.getTime() === quarterStart.getTime()) {
      quarters.push(newQuarter(quarters.length, day, days.length));
    }
    const quarter = inWindow ? quarters.length - 1 : -1;
    const current = quarters[quarter];
    if (current) current.lastDay = days.length;
    days.push({
      index: days.length,
      iso: format(day, "yyyy-MM-dd"),
      year: day.getFullYear(),
      month: day.getMonth() + 1,
      dayOfMonth: day.getDate(),
      weekday: getDay(day),
      quarter,
      dayOfQuarter: differenceInCalendarDays(day, quarterStart),
      startSec: seconds(day),
      endSec: seconds(next),
    });
    day = next;
  }
  const todayIndex = days.findIndex((d) => d.iso === today);
  if (todayIndex < 0) throw new Error(`today ${today} is outside its own quarter`);
  return { timezone, today, days, quarters, todayIndex, cutoffSec: seconds(todayStart) };
}

/** The quarter an instant falls in, or -1 outside the five quarters. */
export function quarterAt(calendar: DemoCalendar, sec: number): number {
  for (const q of calendar.quarters) {
    if (sec >= q.startSec && sec < q.endSec) return q.index;
  }
  return -1;
}

function newQuarter(index: number, start: Date, firstDay: number): DemoQuarter {
  const end = addQuarters(start, 1);
  return {
    index,
    year: start.getFullYear(),
    number: Math.floor(start.getMonth() / 3) + 1,
    startsOn: format(start, "yyyy-MM-dd"),
    endsOn: format(subDays(end, 1), "yyyy-MM-dd"),
    firstDay,
    lastDay: firstDay,
    startSec: seconds(start),
    endSec: seconds(end),
  };
}

function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

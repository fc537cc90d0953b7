import { addDays, formatISO, isValid, parseISO, startOfISOWeek } from "date-fns";

/**
 * A calendar date 'YYYY-MM-DD' in the organization's timezone. This layer never sees times
 * or zones: the API turns instants into the organization's calendar days before calling it.
 */
export type IsoDate = string;

/** A goal's period, both ends inclusive. */
export type Period = {
  startsOn: IsoDate;
  endsOn: IsoDate;
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight of the date, or null when the string is not a real calendar date. */
function parseDate(value: IsoDate): Date | null {
  const match = ISO_DATE.exec(value);
  if (match === null) return null;
  const date = parseISO(value);
  // parseISO rolls 2024-02-30 over to March; comparing the parts catches dates that do not exist.
  if (
    !isValid(date) ||
    date.getFullYear() !== Number(match[1]) ||
    date.getMonth() + 1 !== Number(match[2]) ||
    date.getDate() !== Number(match[3])
  ) {
    return null;
  }
  return date;
}

function toDate(value: IsoDate, name: string): Date {
  const date = parseDate(value);
  if (date === null) {
    throw new RangeError(`${name} must be a calendar date YYYY-MM-DD, got "${value}"`);
  }
  return date;
}

export function isIsoDate(value: string): boolean {
  return parseDate(value) !== null;
}

const MS_PER_DAY = 86_400_000;
const DAY_NUMBER_CACHE = 8192;
const dayNumbers = new Map<string, number>();

/**
 * The date as a day number (days since 1970-01-01), counted in UTC so that no daylight-saving
 * shift of the host enters. It is plain arithmetic, not date-fns' parsing: the forecast takes
 * thousands of day differences per request, and parseISO made them most of its cost.
 */
export function dayNumber(value: IsoDate, name = "date"): number {
  const known = dayNumbers.get(value);
  if (known !== undefined) return known;
  const number = parseDayNumber(value, name);
  // A few years of days cover every request; the bound keeps a long-running server's memory flat.
  if (dayNumbers.size >= DAY_NUMBER_CACHE) dayNumbers.clear();
  dayNumbers.set(value, number);
  return number;
}

function parseDayNumber(value: IsoDate, name: string): number {
  const match = ISO_DATE.exec(value);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]) - 1;
  const day = Number(match?.[3]);
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  if (
    match === null ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month ||
    date.getUTCDate() !== day
  ) {
    throw new RangeError(`${name} must be a calendar date YYYY-MM-DD, got "${value}"`);
  }
  return date.getTime() / MS_PER_DAY;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to, "to") - dayNumber(from, "from");
}

// formatISO's date form is `format(d, "yyyy-MM-dd")` without parsing a pattern: seven times
// faster, and the summary formats every day of its period.
const isoDay = (date: Date): IsoDate => formatISO(date, { representation: "date" });

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return isoDay(addDays(toDate(date, "date"), days));
}

/** Days in the period, both ends included: a period from 1 Jan to 31 Mar has 90 (91 in a leap year). */
export function daysInPeriod(period: Period): number {
  const days = daysBetween(period.startsOn, period.endsOn) + 1;
  if (days < 1) {
    throw new RangeError(`period ends (${period.endsOn}) before it starts (${period.startsOn})`);
  }
  return days;
}

/**
 * Days of the period done by the end of `asOf`, counting `asOf` itself: 1 on the first day,
 * 0 before the period, and never more than the period's length after it.
 */
export function daysElapsed(period: Period, asOf: IsoDate): number {
  const total = daysInPeriod(period);
  const elapsed = daysBetween(period.startsOn, asOf) + 1;
  return Math.min(total, Math.max(0, elapsed));
}

/** Every date of the period in order. */
export function periodDates(period: Period): IsoDate[] {
  const start = toDate(period.startsOn, "startsOn");
  const total = daysInPeriod(period);
  const dates: IsoDate[] = [];
  for (let day = 0; day < total; day++) dates.push(isoDay(addDays(start, day)));
  return dates;
}

/** The Monday of the ISO week holding `date`: the forecast groups cohorts by these weeks. */
export function weekStart(date: IsoDate): IsoDate {
  return isoDay(startOfISOWeek(toDate(date, "date")));
}

/** The day, or the period's last day if it is later: how far into the period a day reaches. */
export function throughPeriodEnd(period: Period, day: IsoDate): IsoDate {
  return day > period.endsOn ? period.endsOn : day;
}

/**
 * The day a goal's figures answer for: the requested day (today by default), never after today
 * (the future has no facts, and a verdict on it would be made up) and never outside the period
 * (before it, its first day; after it, its last, so a past period reads as closed). A period
 * that has not started yet answers for today, before its first day, where nothing is expected.
 * Every route that takes `asOf` goes through this one function.
 */
export function boundAsOf(period: Period, today: IsoDate, requested?: IsoDate): IsoDate {
  toDate(today, "today");
  const latest = today < period.endsOn ? today : period.endsOn;
  if (latest < period.startsOn) return latest;
  const day = requested ?? today;
  toDate(day, "asOf");
  if (day < period.startsOn) return period.startsOn;
  // biome-ignore lint/complexity/useMathMinMax: ISO dates are strings, compared as text.
  return day > latest ? latest : day;
}

/**
 * The goal a screen shows when none is asked for: the current period's, else the next one to
 * start, else the last to have ended. The server's first screen and the web app choose with this
 * one function, so the web can take the first screen's choice as its own.
 */
export function defaultGoal<G extends { startsOn: string; endsOn: string }>(
  goals: readonly G[],
  today: string,
): G | undefined {
  const current = goals.find((g) => g.startsOn <= today && today <= g.endsOn);
  if (current) return current;
  const upcoming = goals
    .filter((g) => g.startsOn > today)
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn))[0];
  if (upcoming) return upcoming;
  return [...goals].sort((a, b) => b.endsOn.localeCompare(a.endsOn))[0];
}

import { addCalendarDays, daysBetween, isIsoDate } from "../../revenue/calendar";

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

const pad = (n: number) => String(n).padStart(2, "0");

function parts(day: string): [number, number, number] {
  const [y, m, d] = day.split("-").map(Number);
  return [y ?? 0, m ?? 1, d ?? 1];
}

/** The last day of a month (1-12) of a year, as YYYY-MM-DD. */
function lastDayOf(year: number, month: number): string {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(days)}`;
}

/**
 * The period after a goal's: whole months when the goal covers whole months (a quarter stays
 * a quarter whatever its days: Q4 has 92, Q1 90), else as many days again.
 */
export function nextPeriod(startsOn: string, endsOn: string): { startsOn: string; endsOn: string } {
  const nextStart = addCalendarDays(endsOn, 1);
  const months = wholeMonths(startsOn, endsOn);
  if (months !== null) {
    const [ny, nm] = parts(nextStart);
    const last = nm - 1 + months - 1;
    return { startsOn: nextStart, endsOn: lastDayOf(ny + Math.floor(last / 12), (last % 12) + 1) };
  }
  return { startsOn: nextStart, endsOn: addCalendarDays(nextStart, daysBetween(startsOn, endsOn)) };
}

/**
 * The next period's name from this one's: "Q4 2026 shared revenue" becomes "Q1 2027 shared
 * revenue", "FY2026" becomes "FY2027"; a name without a period in it gets "(next period)".
 */
export function nextName(name: string, months: number | null): string {
  const quarter = /\bQ([1-4])(\s*)(\d{4})\b/;
  const q = quarter.exec(name);
  if (q && months === 3) {
    const index = Number(q[1]) + 1;
    const year = Number(q[3]) + (index > 4 ? 1 : 0);
    return name.replace(quarter, `Q${index > 4 ? 1 : index}${q[2]}${year}`);
  }
  const year = /(\D|^)(\d{4})(?!\d)/;
  if (months === 12 && year.test(name)) {
    return name.replace(year, (_, before: string, y: string) => `${before}${Number(y) + 1}`);
  }
  return `${name} (next period)`;
}

/** How many whole months a period covers, or null when it does not cover whole months. */
export function wholeMonths(startsOn: string, endsOn: string): number | null {
  const [sy, sm, sd] = parts(startsOn);
  const [ey, em] = parts(endsOn);
  if (sd !== 1 || endsOn !== lastDayOf(ey, em)) return null;
  return (ey - sy) * 12 + (em - sm) + 1;
}

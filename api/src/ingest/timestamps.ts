import { TZDate } from "@date-fns/tz";

// Date, optional time with optional fraction, optional offset: ISO 8601 / RFC 3339 and the
// "YYYY-MM-DD HH:mm" that CRM exports write.
const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  hasTime: boolean;
  /** Minutes east of UTC; null when the text names no offset. */
  offset: number | null;
}

function parseParts(text: string): Parts | null {
  const m = PATTERN.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4] ?? 0);
  const minute = Number(m[5] ?? 0);
  const second = Number(m[6] ?? 0);
  const millisecond = Number((m[7] ?? "").slice(0, 3).padEnd(3, "0"));
  // Before 1900 is no CRM date, and JavaScript maps years below 100 onto the 1900s.
  if (
    year < 1900 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
  let offset: number | null = null;
  const zone = m[8];
  if (zone) {
    if (zone === "Z" || zone === "z") offset = 0;
    else {
      const digits = zone.slice(1).replace(":", "");
      const hours = Number(digits.slice(0, 2));
      const minutes = Number(digits.slice(2) || "0");
      if (hours > 18 || minutes > 59) return null;
      offset = (zone.startsWith("-") ? -1 : 1) * (hours * 60 + minutes);
    }
  }
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    millisecond,
    hasTime: m[4] !== undefined,
    offset,
  };
}

function utcMillis(p: Parts, offsetMinutes: number): number {
  return (
    Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond) -
    offsetMinutes * 60_000
  );
}

export const INSTANT_FORMAT =
  "an ISO 8601 time with an offset (2026-03-01T09:30:00Z, 2026-03-01T10:30:00+01:00), a date (2026-03-01) or epoch milliseconds, in the years 1900 to 9999";

/**
 * The instants Tandem stores: years 1900 to 9999 in UTC, epoch milliseconds included. An offset
 * can push a valid-looking local time past either end (9999-12-31T23:00-05:00 is in year
 * 10000), which JavaScript would spell "+010000-..." and PostgreSQL refuse.
 */
const EPOCH_MS_MIN = Date.UTC(1900, 0, 1);
const EPOCH_MS_MAX = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

function isoInRange(millis: number): string | null {
  return Number.isFinite(millis) && millis >= EPOCH_MS_MIN && millis <= EPOCH_MS_MAX
    ? new Date(millis).toISOString()
    : null;
}

/**
 * An ISO 8601 time that names its offset, as the JSON API requires, normalised to UTC with
 * millisecond precision (finer digits are dropped). Null when the text is not one.
 */
export function parseInstant(text: string): string | null {
  const parts = parseParts(text);
  if (!parts?.hasTime || parts.offset === null) return null;
  return isoInRange(utcMillis(parts, parts.offset));
}

/**
 * A time in a JSON record, as CRMs send them: ISO 8601 with an offset; a date alone (HubSpot's
 * date properties, Salesforce's CloseDate), meaning its midnight in the organization's zone; or
 * epoch milliseconds (HubSpot's API). A date and time without an offset is refused: it would be
 * a guess about the zone.
 */
export function parseRecordTime(value: string | number, timeZone: string): string | null {
  if (typeof value === "number") {
    if (!Number.isInteger(value) || value < EPOCH_MS_MIN || value > EPOCH_MS_MAX) return null;
    return new Date(value).toISOString();
  }
  const parts = parseParts(value);
  if (!parts) return null;
  if (parts.offset !== null) return isoInRange(utcMillis(parts, parts.offset));
  return parts.hasTime ? null : parseCsvTime(value, timeZone);
}

/**
 * A time from a CSV cell: with an offset it is that instant; without one (CRM exports write
 * local wall-clock times, and dates alone for close dates) it is read in the organization's
 * timezone, a date alone meaning its midnight. A local time skipped by a daylight-saving
 * change moves forward by the gap; a repeated one takes its first occurrence.
 */
export function parseCsvTime(text: string, timeZone: string): string | null {
  const parts = parseParts(text);
  if (!parts) return null;
  if (parts.offset !== null) return isoInRange(utcMillis(parts, parts.offset));
  const local = new TZDate(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
    parts.millisecond,
    timeZone,
  );
  return isoInRange(local.getTime());
}

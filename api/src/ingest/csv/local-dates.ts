// Dates as a locale writes them: "9/16/2026" (en-US, Salesforce reports), "16/09/2026"
// (en-GB, fr-FR), "16.09.2026 10:15" (de-DE Excel), "7/1/2026 0:10" or "9/16/2026, 3:45 PM".
// Whether "03/04/2026" is March or April is a property of the file, decided once from every
// date in it (a day above 12 proves the order) or declared, never guessed.

export const dateOrders = ["month-first", "day-first"] as const;
export type DateOrder = (typeof dateOrders)[number];

const LOCAL =
  /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;

interface LocalDate {
  first: number;
  second: number;
  year: number;
  /** Dots are written day first in every locale that uses them (de-DE, ru-RU, pl-PL). */
  dotted: boolean;
  time: string;
}

function localDate(text: string): LocalDate | null {
  const m = LOCAL.exec(text.trim());
  if (!m) return null;
  let time = "";
  if (m[5] !== undefined) {
    let hour = Number(m[5]);
    const meridiem = m[8]?.toLowerCase();
    if (meridiem) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (meridiem === "pm" ? 12 : 0);
    }
    time = ` ${String(hour).padStart(2, "0")}:${m[6]}:${m[7] ?? "00"}`;
  }
  return {
    first: Number(m[1]),
    second: Number(m[3]),
    year: Number(m[4]),
    dotted: m[2] === ".",
    time,
  };
}

/** Whether a cell is written in a local order at all (ISO cells are not). */
export const isLocalDate = (text: string) => localDate(text) !== null;

/** What one cell says about the file's date order. */
export type OrderEvidence =
  | { kind: "none" }
  | { kind: "proves"; order: DateOrder }
  | { kind: "ambiguous" };

export function orderEvidence(text: string): OrderEvidence {
  const date = localDate(text);
  if (!date) return { kind: "none" };
  if (date.dotted || (date.first > 12 && date.second <= 12))
    return { kind: "proves", order: "day-first" };
  if (date.second > 12 && date.first <= 12) return { kind: "proves", order: "month-first" };
  if (date.first === date.second || date.first > 12) return { kind: "none" };
  return { kind: "ambiguous" };
}

/**
 * A local date as "YYYY-MM-DD[ HH:mm:ss]" for the time parser, or null when it is not one in
 * this order (month 13). Cells in ISO 8601 pass through unchanged.
 */
export function isoFromLocal(text: string, order: DateOrder): string | null {
  const date = localDate(text);
  if (!date) return text;
  const dayFirst = date.dotted || order === "day-first";
  const month = dayFirst ? date.second : date.first;
  const day = dayFirst ? date.first : date.second;
  if (month < 1 || month > 12 || day < 1) return null;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.year}-${pad(month)}-${pad(day)}${date.time}`;
}

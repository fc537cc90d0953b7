// Money as spreadsheets and CRM exports write it in their locale: "$1,234.56", "1.234,56",
// "1 234,56 €", "(1,234.00)", "1.0E7", "24.000,00 EUR". Which mark is the decimal one is a
// property of the file, not of a cell: it is decided once from every amount in the column,
// or declared, and never guessed from a cell that reads both ways ("12.500").

export const decimalMarks = ["point", "comma"] as const;
export type DecimalMark = (typeof decimalMarks)[number];

const MARK: Record<DecimalMark, string> = { point: ".", comma: "," };

/** Spaces that group thousands: plain, no-break (fr-FR) and narrow no-break (newer ICU). */
const SPACES = /[\s\u00a0\u202f\u2009]+/g;

const SYMBOLS: Record<string, string | undefined> = {
  $: undefined,
  "€": "EUR",
  "£": "GBP",
  "¥": undefined,
  "₹": "INR",
};

export interface AmountText {
  /** Digits and marks only, e.g. "1.234,56"; or a plain decimal for scientific notation. */
  body: string;
  negative: boolean;
  /** The ISO code the cell names ("EUR", or € for EUR), when it names one. */
  currency?: string;
  /** Scientific notation ("1.0E7") is already a plain decimal: no mark to decide. */
  plain: boolean;
}

/** Expands "1.05E7" to "10500000" by shifting digits as text (no floating point). */
function expandExponent(mantissa: string, exponent: number): string | null {
  const [whole = "", fraction = ""] = mantissa.split(".");
  const digits = whole + fraction;
  const point = whole.length + exponent;
  if (point < 0 || point > 30) return null;
  const padded = digits.padEnd(point, "0");
  const int = padded.slice(0, point).replace(/^0+(?=\d)/, "") || "0";
  const frac = padded.slice(point);
  return frac === "" ? int : `${int}.${frac}`;
}

/**
 * Strips what surrounds the number: a currency symbol or code on either side, accounting
 * parentheses or a minus sign for negatives, spaces. Null when what is left is not a number.
 */
export function amountText(cell: string): AmountText | null {
  let text = cell.trim();
  let negative = false;
  const parenthesised = /^\((.*)\)$/.exec(text);
  if (parenthesised) {
    negative = true;
    text = parenthesised[1]?.trim() ?? "";
  }
  let currency: string | undefined;
  const code = /^([A-Z]{3})\s*(?=[\d.,(-])|(?<=[\d.,)])\s*([A-Z]{3})$/.exec(text);
  if (code) {
    currency = code[1] ?? code[2];
    text = text.replace(code[0], "");
  }
  for (const [symbol, iso] of Object.entries(SYMBOLS)) {
    if (text.includes(symbol)) {
      text = text.replace(symbol, "");
      currency ??= iso;
    }
  }
  text = text.trim();
  if (text.startsWith("-")) {
    negative = !negative;
    text = text.slice(1).trim();
  }
  const scientific = /^(\d+)(?:[.,](\d+))?[eE]([+-]?\d{1,3})$/.exec(text);
  if (scientific) {
    const expanded = expandExponent(
      `${scientific[1]}.${scientific[2] ?? ""}`,
      Number(scientific[3]),
    );
    return expanded === null ? null : { body: expanded, negative, currency, plain: true };
  }
  const body = text.replace(SPACES, " ");
  if (!/^\d[\d.,' ]*$|^[.,]\d+$/.test(body)) return null;
  return { body, negative, currency, plain: false };
}

/** The cell's number read with the given decimal mark, as a plain decimal; null if it is not one. */
export function readWithMark(body: string, mark: DecimalMark): string | null {
  const decimal = MARK[mark];
  const parts = body.split(decimal);
  if (parts.length > 2) return null;
  const [whole = "", fraction] = parts;
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return null;
  let digits: string;
  if (/^\d+$/.test(whole) || (whole === "" && fraction !== undefined)) digits = whole || "0";
  else {
    // Thousands grouped by one separator (the other mark, a space or an apostrophe for de-CH),
    // in groups of three after the first.
    const group = /^\d{1,3}([., '])\d{3}(?:\1\d{3})*$/.exec(whole);
    if (!group || group[1] === decimal) return null;
    digits = whole.replaceAll(group[1] ?? "", "");
  }
  return fraction === undefined ? digits : `${digits}.${fraction}`;
}

/** What one cell says about the file's decimal mark. */
export type MarkEvidence =
  | { kind: "none" }
  | { kind: "proves"; mark: DecimalMark }
  | { kind: "ambiguous"; readings: Record<DecimalMark, string> }
  | { kind: "unreadable" };

export function markEvidence(cell: string): MarkEvidence {
  const text = amountText(cell);
  if (!text) return { kind: "unreadable" };
  if (text.plain) return { kind: "none" };
  const point = readWithMark(text.body, "point");
  const comma = readWithMark(text.body, "comma");
  if (point === null && comma === null) return { kind: "unreadable" };
  if (point === null) return { kind: "proves", mark: "comma" };
  if (comma === null) return { kind: "proves", mark: "point" };
  if (point === comma) return { kind: "none" };
  return { kind: "ambiguous", readings: { point, comma } };
}

export type AmountCell = { ok: true; value: string } | { ok: false; message: string };

/**
 * A cell as the plain decimal the record schema reads ("-1234.00" for "(1,234.00)"). A
 * currency other than the organization's is refused: converting it would need a rate.
 */
export function parseAmount(cell: string, mark: DecimalMark, currency: string): AmountCell {
  const text = amountText(cell);
  const example = mark === "comma" ? "1.234,56" : "1,234.56";
  if (!text) return { ok: false, message: `"${cell.trim()}" is not an amount, e.g. ${example}` };
  if (text.currency !== undefined && text.currency !== currency) {
    return {
      ok: false,
      message: `"${cell.trim()}" is in ${text.currency}; the organization counts in ${currency}`,
    };
  }
  const value = text.plain ? text.body : readWithMark(text.body, mark);
  if (value === null) {
    return {
      ok: false,
      message: `"${cell.trim()}" is not an amount with a decimal ${mark} (this file's), e.g. ${example}`,
    };
  }
  return { ok: true, value: text.negative ? `-${value}` : value };
}

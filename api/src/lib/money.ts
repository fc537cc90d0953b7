import { z } from "@hono/zod-openapi";
import { ApiError, type FieldError } from "./errors";

/** Decimal places of a currency's minor unit (USD 2, JPY 0, KWD 3), from the platform's ICU data. */
export function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

export type AmountResult = { ok: true; minor: number } | { ok: false; message: string };

/**
 * Major units (a JSON number or a decimal string) to integer minor units, exactly: the decimal
 * text is shifted, never multiplied as a float, so 0.29 USD is 29 cents and not 28.999…. More
 * decimals than the currency has are refused rather than rounded, since silently rounding
 * money hides an upstream mistake. The one conversion of the API: ingest records (no
 * negatives, reasons in words) and every other amount.
 */
export function parseMajorUnits(
  value: unknown,
  digits: number,
  options: { negative?: boolean } = {},
): AmountResult {
  let text: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { ok: false, message: "must be a finite number" };
    text = numberToPlainString(value);
  } else if (typeof value === "string") {
    text = value.trim();
  } else {
    return { ok: false, message: "must be a number of major units, e.g. 1250.50" };
  }
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) {
    return { ok: false, message: "must be a decimal number of major units, e.g. 1250.50" };
  }
  const [, sign = "", whole = "0", fraction = ""] = match;
  if (sign && !options.negative) return { ok: false, message: "must not be negative" };
  const trimmed = fraction.replace(/0+$/, "");
  if (trimmed.length > digits) {
    return {
      ok: false,
      message:
        digits === 0
          ? "must be a whole number in this currency (it has no minor unit)"
          : `has more than ${digits} decimal place${digits === 1 ? "" : "s"}, the currency's minor unit`,
    };
  }
  const magnitude =
    BigInt(whole) * 10n ** BigInt(digits) + BigInt(trimmed.padEnd(digits, "0") || "0");
  if (magnitude > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, message: "is too large" };
  const minor = Number(magnitude);
  return { ok: true, minor: sign && minor !== 0 ? -minor : minor };
}

/** parseMajorUnits in the currency's minor unit, negatives allowed; null when refused. */
export function toMinorUnits(major: number | string, currency: string): number | null {
  const result = parseMajorUnits(major, minorDigits(currency), { negative: true });
  return result.ok ? result.minor : null;
}

/** The field error of an amount finer than its currency's minor unit, in one wording everywhere. */
export const tooManyDecimals = (path: string, currency: string): FieldError => ({
  path,
  message: `has more decimals than ${currency} allows`,
});

/** toMinorUnits for a request's amount field: a 422 naming the field when it does not fit. */
export function minorUnitsOrThrow(major: number, currency: string, path: string): number {
  const minor = toMinorUnits(major, currency);
  if (minor === null) {
    const error = tooManyDecimals(path, currency);
    throw new ApiError("validation_failed", `${path} ${error.message}`, { errors: [error] });
  }
  return minor;
}

/** Integer minor units to a major-unit number for JSON (exact for amounts below 2^53 / 10^digits). */
export function toMajorUnits(minor: number, currency: string): number {
  const digits = minorDigits(currency);
  return digits === 0 ? minor : Number((minor / 10 ** digits).toFixed(digits));
}

/**
 * A number's shortest round-trip spelling with the exponent written out, digit for digit:
 * 1e-300 is a 1 at the 300th decimal (refused for any currency), never rounded to 0.
 */
function numberToPlainString(value: number): string {
  if (!Number.isFinite(value)) return "NaN";
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/i.exec(text);
  if (!match) return text;
  const [, sign = "", lead = "", rest = "", exponent = "0"] = match;
  const digits = `${lead}${rest}`;
  const point = 1 + Number(exponent);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A non-negative amount of money in major units, as a number (e.g. 12500.5). */
export const moneySchema = z
  .number({ error: "must be a number of major currency units" })
  .finite()
  .nonnegative("must not be negative")
  .max(1e13, "is too large")
  .openapi({ example: 25000 });

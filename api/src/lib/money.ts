import { z } from "@hono/zod-openapi";

/** Decimal places of a currency's minor unit (USD 2, JPY 0, KWD 3), from the platform's ICU data. */
export function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

/**
 * Major units (a JSON number or decimal string) to integer minor units, exactly: the decimal
 * text is split, never multiplied as a float, so 0.29 USD is 29 cents and not 28.999….
 * Returns null when the value has more decimals than the currency allows or is out of range.
 */
export function toMinorUnits(major: number | string, currency: string): number | null {
  const text = typeof major === "number" ? numberToPlainString(major) : major.trim();
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const [, sign = "", whole = "0", fraction = ""] = match;
  const digits = minorDigits(currency);
  const trimmed = fraction.replace(/0+$/, "");
  if (trimmed.length > digits) return null;
  const minor = Number(`${sign}${whole}${trimmed.padEnd(digits, "0")}`);
  return Number.isSafeInteger(minor) ? minor : null;
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

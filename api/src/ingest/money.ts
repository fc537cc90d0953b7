/** Decimal places of a currency's minor unit: 2 for USD and EUR, 0 for JPY, 3 for KWD. */
export function currencyDigits(currency: string): number {
  const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
    .maximumFractionDigits;
  return digits ?? 2;
}

export type AmountResult = { ok: true; minor: number } | { ok: false; message: string };

const DECIMAL = /^(\d+)(?:\.(\d*))?$/;

/**
 * Converts an amount in major units (a JSON number or a decimal string) to integer minor units
 * without going through floating-point arithmetic: the decimal digits are shifted as text, so
 * 0.29 USD is exactly 29 cents. More decimals than the currency has are refused rather than
 * rounded, since silently rounding money hides an upstream mistake.
 */
export function toMinorUnits(value: unknown, digits: number): AmountResult {
  let text: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { ok: false, message: "must be a finite number" };
    // toFixed(0) spells large integers out in full where String() would switch to 1e+21.
    text = Number.isInteger(value) ? value.toFixed(0) : String(value);
  } else if (typeof value === "string") {
    text = value.trim();
  } else {
    return { ok: false, message: "must be a number of major units, e.g. 1250.50" };
  }
  if (text.startsWith("-")) return { ok: false, message: "must not be negative" };
  const match = DECIMAL.exec(text);
  if (!match)
    return { ok: false, message: "must be a decimal number of major units, e.g. 1250.50" };
  const whole = match[1] ?? "0";
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (fraction.length > digits) {
    return {
      ok: false,
      message:
        digits === 0
          ? "must be a whole number in this currency (it has no minor unit)"
          : `has more than ${digits} decimal place${digits === 1 ? "" : "s"}, the currency's minor unit`,
    };
  }
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, "0") || "0");
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, message: "is too large" };
  return { ok: true, minor: Number(minor) };
}

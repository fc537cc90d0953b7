import type { Formatters } from "../../../lib/format";

export type KeyResultUnit = "count" | "percent" | "currency" | "duration";

/** A key result's value in its unit: rates as fractions (0.25 = 25%), money in major units, hours. */
export function formatKeyResultValue(
  value: number | null,
  unit: KeyResultUnit,
  format: Formatters,
): string {
  if (value === null) return "—";
  switch (unit) {
    case "percent":
      return format.percent(value);
    case "currency":
      return format.money(value);
    case "duration":
      return `${new Intl.NumberFormat(format.locale, { maximumFractionDigits: 1 }).format(value)} h`;
    default:
      return new Intl.NumberFormat(format.locale, { maximumFractionDigits: 1 }).format(value);
  }
}

export const unitWords: Record<KeyResultUnit, string> = {
  count: "count",
  percent: "%",
  currency: "money",
  duration: "hours",
};

/** People type rates in percent; the API keeps them as fractions. */
export function inputScale(unit: KeyResultUnit): number {
  return unit === "percent" ? 100 : 1;
}

/** Formatters bound to an organization's currency and timezone, in the reader's locale. */
export interface Formatters {
  currency: string;
  timezone: string;
  locale: string;
  /** Whole currency units: $1,234,568. */
  money(value: number): string;
  /** With the currency's minor digits: $1,234,567.89. */
  moneyExact(value: number): string;
  /** Short, for axes and tight labels: $1.2M. */
  moneyCompact(value: number): string;
  /** Axis ticks: compact with the digits a nice tick needs, $1.25M (never $1.3M). */
  moneyAxis(value: number): string;
  countAxis(value: number): string;
  /** With an explicit sign, for gaps and contributions: +$12,000 / −$8,000. */
  moneySigned(value: number): string;
  moneySignedCompact(value: number): string;
  count(value: number): string;
  countCompact(value: number): string;
  /** A share as a percentage: 0.253 -> 25.3%. */
  percent(value: number, digits?: number): string;
  /** A calendar day (YYYY-MM-DD, already in the organization's calendar): Mar 31, 2026. */
  day(isoDate: string): string;
  dayShort(isoDate: string): string;
  /** An instant, in the organization's timezone: Mar 31, 2026, 4:05 PM. */
  dateTime(iso: string): string;
  /** How long ago an instant was: 3 days ago. */
  ago(iso: string, now?: Date): string;
  /** The minor digits of the currency (2 for USD, 0 for JPY). */
  minorDigits: number;
}

export function readerLocale(): string {
  return typeof navigator !== "undefined" && navigator.language ? navigator.language : "en-US";
}

export function minorDigitsOf(currency: string): number {
  return (
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

export { todayIn } from "@tandem/db/calendar-day";

/** Noon UTC of a calendar day: formatting it in UTC never shifts it to a neighbouring day. */
function dayInstant(isoDate: string): Date {
  return new Date(`${isoDate}T12:00:00Z`);
}

export function createFormatters(options: {
  currency: string;
  timezone: string;
  locale?: string;
}): Formatters {
  const { currency, timezone } = options;
  const locale = options.locale ?? readerLocale();
  const digits = minorDigitsOf(currency);
  const whole = new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    maximumFractionDigits: 0,
    minimumFractionDigits: 0,
  });
  const exact = new Intl.NumberFormat(locale, { style: "currency", currency });
  const compact = new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    notation: "compact",
    maximumFractionDigits: 1,
  });
  const axisMoney = new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    notation: "compact",
    maximumFractionDigits: 2,
  });
  const axisCount = new Intl.NumberFormat(locale, {
    notation: "compact",
    maximumFractionDigits: 2,
  });
  const signedWhole = new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    maximumFractionDigits: 0,
    minimumFractionDigits: 0,
    signDisplay: "exceptZero",
  });
  const signedCompact = new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    notation: "compact",
    maximumFractionDigits: 1,
    signDisplay: "exceptZero",
  });
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const countCompact = new Intl.NumberFormat(locale, {
    notation: "compact",
    maximumFractionDigits: 1,
  });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const dayShort = new Intl.DateTimeFormat(locale, {
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: timezone,
  });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const percents = new Map<number, Intl.NumberFormat>();
  const percentFormat = (fractionDigits: number) => {
    let format = percents.get(fractionDigits);
    if (!format) {
      format = new Intl.NumberFormat(locale, {
        style: "percent",
        maximumFractionDigits: fractionDigits,
        minimumFractionDigits: 0,
      });
      percents.set(fractionDigits, format);
    }
    return format;
  };

  return {
    currency,
    timezone,
    locale,
    minorDigits: digits,
    money: (value) => whole.format(value),
    moneyExact: (value) => exact.format(value),
    moneyCompact: (value) => compact.format(value),
    moneyAxis: (value) => axisMoney.format(value),
    countAxis: (value) => axisCount.format(value),
    moneySigned: (value) => signedWhole.format(value),
    moneySignedCompact: (value) => signedCompact.format(value),
    count: (value) => count.format(value),
    countCompact: (value) => countCompact.format(value),
    percent: (value, fractionDigits = 1) => percentFormat(fractionDigits).format(value),
    day: (isoDate) => day.format(dayInstant(isoDate)),
    dayShort: (isoDate) => dayShort.format(dayInstant(isoDate)),
    dateTime: (iso) => dateTime.format(new Date(iso)),
    ago: (iso, now = new Date()) => {
      const seconds = (new Date(iso).getTime() - now.getTime()) / 1000;
      const abs = Math.abs(seconds);
      if (abs < 60) return relative.format(Math.round(seconds), "second");
      if (abs < 3600) return relative.format(Math.round(seconds / 60), "minute");
      if (abs < 86_400) return relative.format(Math.round(seconds / 3600), "hour");
      if (abs < 86_400 * 30) return relative.format(Math.round(seconds / 86_400), "day");
      return dateTime.format(new Date(iso));
    },
  };
}

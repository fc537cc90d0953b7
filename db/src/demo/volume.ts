import type { DemoCalendar, DemoDay } from "./calendar";
import { sourceProfiles } from "./company";
import type { Rng } from "./prng";

const SECONDS_PER_WEEK = 7 * 24 * 3600;

/** A webinar every other Thursday, counted from the epoch so the dates do not move with today. */
export function isWebinarDay(day: DemoDay): boolean {
  return day.weekday === 4 && Math.floor(day.startSec / SECONDS_PER_WEEK) % 2 === 0;
}

/** The quarter's trade show: three days in its seventh week. */
export function isEventDay(day: DemoDay): boolean {
  return day.dayOfQuarter >= 42 && day.dayOfQuarter <= 44;
}

/** Webinars and the trade show bring their leads in bursts rather than evenly. */
function spike(source: string, day: DemoDay, yesterday: DemoDay | undefined): number {
  if (source === "webinar") {
    if (isWebinarDay(day)) return 5;
    if (yesterday && isWebinarDay(yesterday)) return 2;
    return 0.4;
  }
  if (source === "events") {
    if (isEventDay(day)) return 8;
    if (day.dayOfQuarter > 44 && day.dayOfQuarter <= 51) return 2.5;
    return 0.6;
  }
  return 1;
}

const weekdayFactor = [0.2, 1.1, 1.15, 1.1, 1.05, 0.9, 0.25];

/** Fewer leads while the office is out. */
function holidayFactor(day: DemoDay): number {
  const { month, dayOfMonth, weekday } = day;
  if ((month === 12 && dayOfMonth >= 24) || (month === 1 && dayOfMonth === 1)) return 0.35;
  if (month === 7 && dayOfMonth === 4) return 0.3;
  // Thanksgiving (fourth Thursday of November) and the Friday after it.
  if (month === 11 && weekday === 4 && dayOfMonth >= 22 && dayOfMonth <= 28) return 0.3;
  if (month === 11 && weekday === 5 && dayOfMonth >= 23 && dayOfMonth <= 29) return 0.5;
  return 1;
}

/** About 3% more leads every month: the company is growing. */
const MONTHLY_GROWTH = 1.03;

export interface LeadVolume {
  /** Leads to generate on each day; zero from today on. */
  counts: number[];
  /** Per day, the weight of each source (in sourceProfiles order). */
  sourceWeights: number[][];
  /** The leads the volume model expects for each whole quarter, future days included. */
  expectedPerQuarter: number[];
}

/**
 * Spreads `total` leads over the days before today, in proportion to each day's weight. The
 * same weights continue over the rest of the current quarter, which is what the plan expects.
 */
export function planLeadVolume(calendar: DemoCalendar, total: number, rng: Rng): LeadVolume {
  const { days, todayIndex } = calendar;
  const sourceWeights: number[][] = [];
  const weights: number[] = [];
  for (const day of days) {
    const common =
      MONTHLY_GROWTH ** (day.index / 30.4) *
      (weekdayFactor[day.weekday] ?? 1) *
      holidayFactor(day) *
      Math.exp(0.12 * rng.normal());
    const yesterday = days[day.index - 1];
    const perSource = sourceProfiles.map((p) => p.share * spike(p.source, day, yesterday) * common);
    sourceWeights.push(perSource);
    weights.push(perSource.reduce((a, b) => a + b, 0));
  }
  let pastWeight = 0;
  for (let i = 0; i < todayIndex; i++) pastWeight += weights[i] ?? 0;
  const scale = pastWeight > 0 ? total / pastWeight : 0;
  const counts = allocate(
    weights.map((w, i) => (i < todayIndex ? w * scale : 0)),
    total,
  );
  const expectedPerQuarter = calendar.quarters.map((q) => {
    let sum = 0;
    for (let i = q.firstDay; i <= q.lastDay; i++) sum += (weights[i] ?? 0) * scale;
    return sum;
  });
  return { counts, sourceWeights, expectedPerQuarter };
}

/** Whole numbers that sum to `total` exactly (largest remainder, earliest day first on ties). */
function allocate(shares: number[], total: number): number[] {
  const counts = shares.map((s) => Math.floor(s));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = shares
    .map((s, i) => ({ i, remainder: s - Math.floor(s) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left--;
  }
  return counts;
}

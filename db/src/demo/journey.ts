import type { DemoCalendar } from "./calendar";
import { quarterAt } from "./calendar";
import { dealSize, type SourceProfile, salesReps } from "./company";
import type { DealStatus } from "./fact-chunk";
import type { Rng } from "./prng";

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * Share of won deals that wait for the quarter's last two weeks: quarters close late, and those
 * weeks book about twice their share of revenue. Stronger slips would make every quarter look
 * far behind a linear pace until its end.
 */
const QUARTER_END_SLIP = 0.15;
const SLIP_WINDOW_DAYS = 14;
/** Deals nobody closes: old open pipeline that a real CRM is full of. */
const STALE_DEALS = 0.04;

export interface DealJourney {
  createdAt: number;
  closedAt: number | null;
  status: DealStatus;
  /** Minor units. */
  amount: number;
  owner: string;
  /**
   * What becomes of a deal still open at the cutoff, unknown to the CRM: won or lost and when,
   * or null for a stale deal nobody closes. The demo's reps call their deals from it.
   */
  fate: { won: boolean; closeAt: number } | null;
}

/** One lead's way down the funnel, cut at the calendar's cutoff (nothing in the future). */
export interface LeadJourney {
  createdAt: number;
  mqlAt: number | null;
  sqlAt: number | null;
  firstContactAt: number | null;
  deal: DealJourney | null;
}

/**
 * Draws what happens to a lead created at `createdAt`. `progress` (0 to 1 over the five
 * quarters) lets speed-to-lead improve over time, which the sales key result tracks.
 */
export function leadJourney(
  profile: SourceProfile,
  createdAt: number,
  progress: number,
  calendar: DemoCalendar,
  rng: Rng,
): LeadJourney {
  const { cutoffSec } = calendar;
  const journey: LeadJourney = {
    createdAt,
    mqlAt: null,
    sqlAt: null,
    firstContactAt: null,
    deal: null,
  };
  if (rng.chance(profile.leadToMql)) {
    const mqlAt = createdAt + hours(rng.logNormal(profile.mqlHours, 0.9));
    if (mqlAt < cutoffSec) journey.mqlAt = mqlAt;
  }
  // Sales calls MQLs; outbound leads exist because a rep reached out.
  if (journey.mqlAt !== null || profile.source === "outbound") {
    const response = rng.logNormal(profile.responseHours * (1.4 - 0.7 * progress), 1);
    // Speed-to-lead runs from the MQL (MQL to first sales contact, docs/decisions/017-speed-to-lead-histogram.md); outbound from creation.
    const contactAt = (journey.mqlAt ?? createdAt) + Math.max(60, hours(response));
    if (contactAt < cutoffSec) journey.firstContactAt = contactAt;
  }
  if (journey.mqlAt === null || journey.firstContactAt === null) return journey;
  if (!rng.chance(profile.mqlToSql)) return journey;
  // A conversation comes before qualification.
  const sqlAt = Math.max(journey.mqlAt, journey.firstContactAt) + hours(rng.logNormal(120, 0.7));
  if (sqlAt >= cutoffSec) return journey;
  journey.sqlAt = sqlAt;
  const dealCreatedAt = sqlAt + rng.int(10 * 60, DAY);
  if (dealCreatedAt >= cutoffSec) return journey;
  journey.deal = deal(profile, dealCreatedAt, calendar, rng);
  return journey;
}

function deal(
  profile: SourceProfile,
  createdAt: number,
  calendar: DemoCalendar,
  rng: Rng,
): DealJourney {
  const won = rng.chance(profile.sqlToWon);
  const stale = !won && rng.chance(STALE_DEALS);
  const usd = Math.min(
    dealSize.maxUsd,
    Math.max(
      dealSize.minUsd,
      rng.logNormal(dealSize.medianUsd * profile.dealSizeFactor, dealSize.sigma),
    ),
  );
  const amount = Math.round(usd / 100) * 100 * 100;
  const owner = salesReps[rng.int(0, salesReps.length - 1)] ?? "";
  const cycleDays = Math.min(
    180,
    Math.max(3, won ? rng.logNormal(32, 0.45) : rng.logNormal(24, 0.6)),
  );
  let closeAt = createdAt + Math.round(cycleDays * DAY);
  if (won && rng.chance(QUARTER_END_SLIP)) closeAt = slipToQuarterEnd(closeAt, calendar, rng);
  if (stale || closeAt >= calendar.cutoffSec) {
    const fate = stale ? null : { won, closeAt };
    return { createdAt, closedAt: null, status: "open", amount, owner, fate };
  }
  return { createdAt, closedAt: closeAt, status: won ? "won" : "lost", amount, owner, fate: null };
}

/** Moves a close into its quarter's last two weeks, bunched toward the very end. */
function slipToQuarterEnd(closeAt: number, calendar: DemoCalendar, rng: Rng): number {
  const quarter = calendar.quarters[quarterAt(calendar, closeAt)];
  if (!quarter) return closeAt;
  const windowStart = quarter.endSec - SLIP_WINDOW_DAYS * DAY;
  if (closeAt >= windowStart) return closeAt;
  const lastMoment = quarter.endSec - HOUR;
  return Math.round(windowStart + (lastMoment - windowStart) * rng.next() ** 0.6);
}

function hours(h: number): number {
  return Math.round(h * HOUR);
}

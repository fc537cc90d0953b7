import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addCalendarDays } from "./calendar";
import { type ForecastInput, forecastPeriod } from "./forecast";
import { type DealFact, forecastInputFromFacts, type LeadFact } from "./forecast-facts";

const period = { startsOn: "2026-01-01", endsOn: "2026-03-31" };
const plan = { leads: 900, leadToMql: 0.3, mqlToSql: 0.3, sqlToWon: 0.25, avgDealSize: 500_000 };
// Day offsets from a year before the period to its end.
const base = "2025-01-01";
const day = (offset: number) => addCalendarDays(base, offset);
const LAST_DAY = 454;
const sources = ["paid_search", "webinar", "referral"] as const;

/** A lead, and perhaps its deal a few days to months later, perhaps closed. */
const journeyWith = (freq: number) =>
  fc.record({
    created: fc.integer({ min: 0, max: LAST_DAY }),
    source: fc.constantFrom(...sources),
    sqlAfter: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
    dealAfter: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null, freq }),
    closeAfter: fc.option(fc.integer({ min: 1, max: 150 }), { nil: null, freq }),
    won: fc.boolean(),
    amount: fc.integer({ min: 1, max: 5_000_000 }),
  });
const journey = journeyWith(2);
/** Most leads get a deal and most deals close: enough won history to learn from. */
const busyJourney = journeyWith(12);
type Journey = typeof journey extends fc.Arbitrary<infer T> ? T : never;

function factsOf(journeys: Journey[]): { leads: LeadFact[]; deals: DealFact[] } {
  const leads: LeadFact[] = [];
  const deals: DealFact[] = [];
  journeys.forEach((j, index) => {
    const id = `l${index}`;
    leads.push({
      id,
      createdOn: day(j.created),
      source: j.source,
      sqlOn: j.sqlAfter === null ? null : day(j.created + j.sqlAfter),
    });
    if (j.dealAfter === null) return;
    const createdOn = day(j.created + j.dealAfter);
    const closedOn = j.closeAfter === null ? null : day(j.created + j.dealAfter + j.closeAfter);
    deals.push({
      leadId: id,
      createdOn,
      closedOn,
      status: closedOn === null ? "open" : j.won ? "won" : "lost",
      amount: j.amount,
    });
  });
  return { leads, deals };
}

/** The facts as they stood at the end of asOf: later facts gone, later closes still open. */
function asTheyStood(leads: LeadFact[], deals: DealFact[], asOf: string) {
  return {
    leads: leads
      .filter((l) => l.createdOn <= asOf)
      .map((l) => ({ ...l, sqlOn: l.sqlOn !== null && l.sqlOn <= asOf ? l.sqlOn : null })),
    deals: deals
      .filter((d) => d.createdOn <= asOf)
      .map(
        (d): DealFact =>
          d.closedOn !== null && d.closedOn > asOf ? { ...d, closedOn: null, status: "open" } : d,
      ),
  };
}

const rest = (asOf: string) => ({ period, asOf, target: 50_000_000, plan });

describe("forecastPeriod properties", () => {
  it("adds its four parts up to the total exactly, in minor units", () => {
    fc.assert(
      fc.property(
        fc.array(journey, { maxLength: 120 }),
        fc.integer({ min: 300, max: LAST_DAY }),
        (js, asOfDay) => {
          const { leads, deals } = factsOf(js);
          const f = forecastPeriod(forecastInputFromFacts(leads, deals, rest(day(asOfDay))));
          const parts = [
            f.booked,
            f.pipeline.expected,
            f.leadsInHand.expected,
            f.leadsToCome.expected,
          ];
          for (const part of [...parts, f.total, f.low, f.high])
            expect(Number.isSafeInteger(part)).toBe(true);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(f.total);
          expect(f.low).toBeLessThanOrEqual(f.total);
          expect(f.high).toBeGreaterThanOrEqual(f.total);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("answers for a past day exactly as it would have that day: later facts change nothing", () => {
    // Leads from half a year before asOf to a month after, so that closes straddle asOf.
    fc.assert(
      fc.property(
        fc.array(journey, { minLength: 50, maxLength: 200 }),
        fc.integer({ min: 250, max: 420 }),
        (js, asOfDay) => {
          const asOf = day(asOfDay);
          const near = js.map((j) => ({ ...j, created: asOfDay - 180 + (j.created % 210) }));
          const { leads, deals } = factsOf(near);
          const then = asTheyStood(leads, deals, asOf);
          const now = forecastPeriod(forecastInputFromFacts(leads, deals, rest(asOf)));
          const before = forecastPeriod(forecastInputFromFacts(then.leads, then.deals, rest(asOf)));
          expect(now).toEqual(before);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("never widens its range when the history holds more of the same", () => {
    const doubled = (input: ForecastInput): ForecastInput => ({
      ...input,
      // Doubling is exact in floating point, so every learned ratio stays bit for bit the same.
      dealLag: input.dealLag.map((c) => ({ ...c, deals: 2 * c.deals, amount: 2 * c.amount })),
      leadCohorts: input.leadCohorts.map((c) => ({ ...c, leads: 2 * c.leads })),
      leadLag: input.leadLag.map((c) => ({ ...c, wins: 2 * c.wins, amount: 2 * c.amount })),
      sourceFlows: input.sourceFlows.map((s) => ({
        ...s,
        leads: 2 * s.leads,
        revenue: 2 * s.revenue,
      })),
    });
    fc.assert(
      fc.property(
        fc.array(busyJourney, { minLength: 150, maxLength: 250 }),
        fc.integer({ min: 320, max: 440 }),
        (js, asOfDay) => {
          const { leads, deals } = factsOf(js);
          const input = forecastInputFromFacts(leads, deals, rest(day(asOfDay)));
          const once = forecastPeriod(input);
          fc.pre(once.history.enough);
          const twice = forecastPeriod(doubled(input));
          expect(twice.total).toBe(once.total);
          expect(twice.high - twice.low).toBeLessThanOrEqual(once.high - once.low);
        },
      ),
      { numRuns: 25 },
    );
  });
});

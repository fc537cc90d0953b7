import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  attributeDeal,
  attributeDeals,
  attributeDealsAllModels,
  NO_TOUCH_CHANNEL,
  type WonDeal,
} from "./attribution";
import {
  ATTRIBUTION_MODELS,
  type AttributionModel,
  MS_PER_DAY,
  type Touchpoint,
} from "./attribution-models";

const day = (n: number): number => n * MS_PER_DAY;

// The worked example of docs/revenue-model.md: 10,000.00 created day 20 from a lead created day 10, closed day 30.
const example: WonDeal = {
  id: "example",
  amount: 1_000_000,
  createdAt: day(20),
  closedAt: day(30),
  leadCreatedAt: day(10),
  touchpoints: [
    { channel: "paid_search", occurredAt: day(0), seq: 1 },
    { channel: "webinar", occurredAt: day(10), seq: 2 },
    { channel: "email", occurredAt: day(20), seq: 3 },
    { channel: "direct", occurredAt: day(28), seq: 4 },
  ],
};

function credits(deal: WonDeal, model: AttributionModel, halfLifeDays?: number): number[] {
  return attributeDeal(deal, model, { halfLifeDays }).credits.map((entry) => entry.credit);
}

describe("attribution: the revenue model's worked example, to the cent", () => {
  it.each([
    ["first_touch", [1_000_000, 0, 0, 0]],
    ["last_touch", [0, 0, 0, 1_000_000]],
    ["linear", [250_000, 250_000, 250_000, 250_000]],
    ["time_decay", [37_123, 99_927, 268_984, 593_966]],
    ["u_shaped", [400_000, 400_000, 100_000, 100_000]],
    ["w_shaped", [300_000, 300_000, 300_000, 100_000]],
    ["full_path", [250_000, 250_000, 250_000, 250_000]],
  ] as const)("%s", (model, expected) => {
    expect(credits(example, model)).toEqual(expected);
    expect(attributeDeal(example, model).credits.map((entry) => entry.channel)).toEqual([
      "paid_search",
      "webinar",
      "email",
      "direct",
    ]);
  });
});

describe("attributeDeal edge cases", () => {
  it("credits a deal with no touchpoint to (none)", () => {
    const bare = { ...example, touchpoints: [] };
    expect(attributeDeal(bare, "w_shaped").credits).toEqual([
      { channel: NO_TOUCH_CHANNEL, credit: 1_000_000 },
    ]);
  });

  it("ignores touches after the close, down to (none) when all are", () => {
    const late = {
      ...example,
      touchpoints: [...example.touchpoints, { channel: "late", occurredAt: day(31), seq: 5 }],
    };
    expect(credits(late, "linear")).toEqual([250_000, 250_000, 250_000, 250_000]);
    const allLate = { ...example, touchpoints: [{ channel: "late", occurredAt: day(31), seq: 1 }] };
    expect(attributeDeal(allLate, "linear").credits).toEqual([
      { channel: NO_TOUCH_CHANNEL, credit: 1_000_000 },
    ]);
  });

  it("gives a single touch everything under every model", () => {
    const one = { ...example, touchpoints: [{ channel: "webinar", occurredAt: day(5), seq: 1 }] };
    for (const model of ATTRIBUTION_MODELS) {
      expect(attributeDeal(one, model).credits).toEqual([
        { channel: "webinar", credit: 1_000_000 },
      ]);
    }
  });

  it("splits two touches by the rules", () => {
    const two: WonDeal = {
      ...example,
      touchpoints: [
        { channel: "ads", occurredAt: day(0), seq: 1 },
        { channel: "demo", occurredAt: day(25), seq: 2 },
      ],
    };
    expect(credits(two, "linear")).toEqual([500_000, 500_000]);
    // Lead and first touch coincide (80%); the other touch takes the middle 20%.
    expect(credits(two, "u_shaped")).toEqual([800_000, 200_000]);
    // First, lead and opportunity all on "ads" (90%) and "demo" the middle 10%.
    expect(credits(two, "w_shaped")).toEqual([900_000, 100_000]);
    // 67.5% on "ads", 22.5% last on "demo", no middle touch: rescaled from 90%.
    expect(credits(two, "full_path")).toEqual([750_000, 250_000]);
    const noLeadTouch = { ...two, leadCreatedAt: day(-5), createdAt: day(-5) };
    // Only the first (40) and the middle (20) remain: two thirds and one third.
    expect(credits(noLeadTouch, "u_shaped")).toEqual([666_667, 333_333]);
  });

  it("breaks identical timestamps by ingest order, not array order", () => {
    const tied: WonDeal = {
      ...example,
      leadCreatedAt: day(10),
      touchpoints: [
        { channel: "second", occurredAt: day(10), seq: 2 },
        { channel: "first", occurredAt: day(10), seq: 1 },
      ],
    };
    expect(attributeDeal(tied, "first_touch").credits).toEqual([
      { channel: "first", credit: 1_000_000 },
      { channel: "second", credit: 0 },
    ]);
    expect(credits(tied, "last_touch")).toEqual([0, 1_000_000]);
    expect(credits(tied, "time_decay")).toEqual([500_000, 500_000]);
  });

  it("sums repeated channels and rounds once per channel", () => {
    const repeat: WonDeal = {
      ...example,
      amount: 100,
      touchpoints: [
        { channel: "email", occurredAt: day(1), seq: 1 },
        { channel: "ads", occurredAt: day(2), seq: 2 },
        { channel: "email", occurredAt: day(3), seq: 3 },
      ],
    };
    expect(attributeDeal(repeat, "linear").credits).toEqual([
      { channel: "email", credit: 67 },
      { channel: "ads", credit: 33 },
    ]);
  });

  it("rejects a fractional or negative amount", () => {
    expect(() => attributeDeal({ ...example, amount: 10.5 }, "linear")).toThrow(RangeError);
    expect(() => attributeDeal({ ...example, amount: -1 }, "linear")).toThrow(RangeError);
  });
});

const touchArb = fc.record({
  channel: fc.constantFrom("ads", "email", "webinar", "seo", "events", "partner"),
  occurredAt: fc.integer({ min: 0, max: day(60) }),
  seq: fc.integer({ min: 0, max: 1_000_000 }),
});

const dealArb = fc.record({
  id: fc.string({ maxLength: 6 }),
  amount: fc.integer({ min: 0, max: 1e11 }),
  createdAt: fc.integer({ min: 0, max: day(60) }),
  closedAt: fc.integer({ min: day(30), max: day(60) }),
  leadCreatedAt: fc.option(fc.integer({ min: 0, max: day(60) }), { nil: null }),
  touchpoints: fc.array(touchArb, { maxLength: 12 }),
});

const modelArb = fc.constantFrom(...ATTRIBUTION_MODELS);
const halfLifeArb = fc.double({ min: 0.5, max: 60, noNaN: true });

describe("attribution properties", () => {
  it("credits are whole, non-negative and sum to the deal's amount exactly", () => {
    fc.assert(
      fc.property(dealArb, modelArb, halfLifeArb, (deal, model, halfLifeDays) => {
        const result = attributeDeal(deal, model, { halfLifeDays });
        let total = 0;
        for (const { credit } of result.credits) {
          expect(Number.isSafeInteger(credit)).toBe(true);
          expect(credit).toBeGreaterThanOrEqual(0);
          total += credit;
        }
        expect(total).toBe(deal.amount);
      }),
      { numRuns: 500 },
    );
  });

  it("shuffling the touches changes nothing", () => {
    fc.assert(
      fc.property(
        dealArb.chain((deal) =>
          fc.tuple(
            fc.constant(deal),
            fc.shuffledSubarray([...deal.touchpoints], {
              minLength: deal.touchpoints.length,
              maxLength: deal.touchpoints.length,
            }),
          ),
        ),
        modelArb,
        ([deal, shuffled], model) => {
          expect(attributeDeal({ ...deal, touchpoints: shuffled }, model)).toEqual(
            attributeDeal(deal, model),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("time_decay gives later touches more", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: day(30) }), { minLength: 2, maxLength: 8 }),
        fc.integer({ min: 1_000, max: 1e10 }),
        halfLifeArb,
        (times, amount, halfLifeDays) => {
          const sorted = [...times].sort((a, b) => a - b);
          const touchpoints: Touchpoint[] = sorted.map((occurredAt, index) => ({
            channel: `channel-${index}`,
            occurredAt,
            seq: index,
          }));
          const deal: WonDeal = { ...example, amount, closedAt: day(30), touchpoints };
          const result = credits(deal, "time_decay", halfLifeDays);
          for (let index = 1; index < result.length; index++) {
            expect(result[index] ?? 0).toBeGreaterThanOrEqual(result[index - 1] ?? 0);
          }
          // Strictly more for a touch at least a day later, where rounding cannot hide it.
          const first = result[0] ?? 0;
          const last = result[result.length - 1] ?? 0;
          if ((sorted[sorted.length - 1] ?? 0) - (sorted[0] ?? 0) >= day(1))
            expect(last).toBeGreaterThan(first);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("attributeDeals", () => {
  const deals: WonDeal[] = [
    example,
    {
      ...example,
      id: "b",
      amount: 333,
      touchpoints: [{ channel: "email", occurredAt: day(1), seq: 9 }],
    },
    { ...example, id: "c", amount: 500, touchpoints: [] },
  ];

  it("totals won revenue by channel, counting the deals each channel is credited in", () => {
    expect(attributeDeals(deals, "first_touch")).toEqual({
      model: "first_touch",
      total: 1_000_833,
      channels: [
        { channel: "paid_search", credit: 1_000_000, deals: 1 },
        { channel: NO_TOUCH_CHANNEL, credit: 500, deals: 1 },
        { channel: "email", credit: 333, deals: 1 },
        { channel: "direct", credit: 0, deals: 0 },
        { channel: "webinar", credit: 0, deals: 0 },
      ],
    });
    const linear = attributeDeals(deals, "linear");
    expect(linear.channels.find((c) => c.channel === "email")).toEqual({
      channel: "email",
      credit: 250_333,
      deals: 2,
    });
  });

  it("has credits that sum to the total under every model", () => {
    fc.assert(
      fc.property(fc.array(dealArb, { maxLength: 20 }), halfLifeArb, (many, halfLifeDays) => {
        const total = many.reduce((sum, deal) => sum + deal.amount, 0);
        for (const result of attributeDealsAllModels(many, { halfLifeDays })) {
          expect(result.total).toBe(total);
          expect(result.channels.reduce((sum, channel) => sum + channel.credit, 0)).toBe(total);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("returns every model in order and nothing for no deals", () => {
    expect(
      attributeDealsAllModels([]).map((result) => [result.model, result.total, result.channels]),
    ).toEqual(ATTRIBUTION_MODELS.map((model) => [model, 0, []]));
  });
});

import { describe, expect, it } from "vitest";
import {
  findMilestones,
  MS_PER_DAY,
  orderTouches,
  type Touchpoint,
  touchWeights,
} from "./attribution-models";

const day = (n: number): number => n * MS_PER_DAY;
const touch = (channel: string, at: number, seq: number): Touchpoint => ({
  channel,
  occurredAt: day(at),
  seq,
});

describe("orderTouches", () => {
  it("drops touches after the close and sorts by time, then ingest order", () => {
    const ordered = orderTouches(
      [
        touch("late", 31, 1),
        touch("b", 5, 3),
        touch("a", 5, 2),
        touch("first", 1, 9),
        touch("close", 30, 4),
      ],
      day(30),
    );
    expect(ordered.map((t) => t.channel)).toEqual(["first", "a", "b", "close"]);
  });
});

describe("findMilestones", () => {
  const ordered = orderTouches(
    [touch("a", 0, 1), touch("b", 10, 2), touch("c", 20, 3), touch("d", 28, 4)],
    day(30),
  );

  it("finds the last touch at or before each creation moment", () => {
    expect(findMilestones(ordered, { leadCreatedAt: day(10), dealCreatedAt: day(25) })).toEqual({
      first: 0,
      leadCreation: 1,
      opportunityCreation: 2,
      last: 3,
    });
  });

  it("leaves a milestone empty when no touch precedes the moment", () => {
    expect(findMilestones(ordered, { leadCreatedAt: day(-1), dealCreatedAt: null })).toEqual({
      first: 0,
      leadCreation: null,
      opportunityCreation: null,
      last: 3,
    });
    expect(findMilestones([], { leadCreatedAt: 0, dealCreatedAt: 0 })).toBeNull();
  });

  it("takes the later of touches at the same instant", () => {
    const tied = orderTouches([touch("x", 10, 7), touch("y", 10, 8)], day(30));
    expect(
      findMilestones(tied, { leadCreatedAt: day(10), dealCreatedAt: day(10) })?.leadCreation,
    ).toBe(1);
  });
});

describe("touchWeights", () => {
  const four = orderTouches(
    [touch("a", 0, 1), touch("b", 10, 2), touch("c", 20, 3), touch("d", 28, 4)],
    day(30),
  );
  const milestones = { first: 0, leadCreation: 1, opportunityCreation: 2, last: 3 };

  it("adds the shares of milestones on the same touch", () => {
    const same = { first: 0, leadCreation: 0, opportunityCreation: 0, last: 3 };
    expect(touchWeights("u_shaped", four, same)).toEqual([0.8, 0.2 / 3, 0.2 / 3, 0.2 / 3]);
    expect(touchWeights("w_shaped", four, same)[0]).toBeCloseTo(0.9, 12);
  });

  it("rescales when a milestone is missing", () => {
    const noLead = { first: 0, leadCreation: null, opportunityCreation: 2, last: 3 };
    const weights = touchWeights("w_shaped", four, noLead);
    // first 30, opportunity 30, the two others 5 each, out of 70.
    expect(weights.map((w) => w * 70)).toEqual([30, 5, 30, 5].map((w) => expect.closeTo(w, 10)));
  });

  it("rescales when no touch is left for the middle share", () => {
    expect(touchWeights("full_path", four, milestones)).toEqual([0.25, 0.25, 0.25, 0.25]);
    const three = { first: 0, leadCreation: 1, opportunityCreation: 2, last: 2 };
    for (const weight of touchWeights("w_shaped", four.slice(0, 3), three)) {
      expect(weight).toBeCloseTo(1 / 3, 12);
    }
  });

  it("halves a touch's time_decay weight per half-life of age", () => {
    const pair = orderTouches([touch("old", 16, 1), touch("new", 30, 2)], day(30));
    const weights = touchWeights(
      "time_decay",
      pair,
      { first: 0, leadCreation: null, opportunityCreation: null, last: 1 },
      14,
    );
    expect(weights[0]).toBeCloseTo(1 / 3, 12);
    expect(weights[1]).toBeCloseTo(2 / 3, 12);
    expect(() => touchWeights("time_decay", pair, milestones, 0)).toThrow(RangeError);
  });

  it("keeps time_decay finite for touches years before the close", () => {
    const ancient = orderTouches([touch("a", -40_000, 1), touch("b", -39_999, 2)], day(30));
    const weights = touchWeights("time_decay", ancient, {
      first: 0,
      leadCreation: null,
      opportunityCreation: null,
      last: 1,
    });
    expect(weights[0]).toBeGreaterThan(0);
    expect((weights[0] ?? 0) + (weights[1] ?? 0)).toBeCloseTo(1, 12);
  });
});

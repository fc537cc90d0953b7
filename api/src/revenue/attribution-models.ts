/** Attribution models, named as marketing tools name them. */
export type AttributionModel =
  | "first_touch"
  | "last_touch"
  | "linear"
  | "time_decay"
  | "u_shaped"
  | "w_shaped"
  | "full_path";

export const ATTRIBUTION_MODELS: readonly AttributionModel[] = [
  "first_touch",
  "last_touch",
  "linear",
  "time_decay",
  "u_shaped",
  "w_shaped",
  "full_path",
];

export const DEFAULT_HALF_LIFE_DAYS = 7;
export const MS_PER_DAY = 86_400_000;

export function isAttributionModel(value: string): value is AttributionModel {
  return ATTRIBUTION_MODELS.some((model) => model === value);
}

/** A marketing or sales touch on the deal's lead. Times are epoch milliseconds. */
export type Touchpoint = {
  channel: string;
  occurredAt: number;
  /**
   * Ingest order (any increasing number: a sequence, row id or batch position). It breaks ties
   * between touches at the same instant, so the answer never depends on the array's order.
   */
  seq: number;
};

/** Indexes into the ordered touches; null where no touch qualifies. */
export type Milestones = {
  first: number;
  /** Last touch at or before the lead was created. */
  leadCreation: number | null;
  /** Last touch at or before the deal (opportunity) was created. */
  opportunityCreation: number | null;
  last: number;
};

/**
 * The touches that count, in canonical order: those on or before the close, by time, then
 * ingest order, then channel name (so that even exact duplicates sort the same way whatever
 * the input order).
 */
export function orderTouches(touchpoints: readonly Touchpoint[], closedAt: number): Touchpoint[] {
  for (const touch of touchpoints) {
    if (!Number.isFinite(touch.occurredAt) || !Number.isFinite(touch.seq)) {
      throw new RangeError(`touch times and seq must be finite numbers (channel ${touch.channel})`);
    }
  }
  return touchpoints
    .filter((touch) => touch.occurredAt <= closedAt)
    .sort(
      (a, b) =>
        a.occurredAt - b.occurredAt ||
        a.seq - b.seq ||
        (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0),
    );
}

/** Index of the last ordered touch at or before `moment`, or null. */
function lastAtOrBefore(ordered: readonly Touchpoint[], moment: number | null): number | null {
  if (moment === null) return null;
  let found: number | null = null;
  for (let index = 0; index < ordered.length; index++) {
    const touch = ordered[index];
    if (touch === undefined || touch.occurredAt > moment) break;
    found = index;
  }
  return found;
}

export function findMilestones(
  ordered: readonly Touchpoint[],
  moments: { leadCreatedAt: number | null; dealCreatedAt: number | null },
): Milestones | null {
  if (ordered.length === 0) return null;
  return {
    first: 0,
    leadCreation: lastAtOrBefore(ordered, moments.leadCreatedAt),
    opportunityCreation: lastAtOrBefore(ordered, moments.dealCreatedAt),
    last: ordered.length - 1,
  };
}

type PositionShares = {
  milestones: { key: keyof Milestones; share: number }[];
  /** Split equally over every touch that is none of the model's milestones. */
  middle: number;
};

const POSITION_MODELS: Record<"u_shaped" | "w_shaped" | "full_path", PositionShares> = {
  u_shaped: {
    milestones: [
      { key: "first", share: 0.4 },
      { key: "leadCreation", share: 0.4 },
    ],
    middle: 0.2,
  },
  w_shaped: {
    milestones: [
      { key: "first", share: 0.3 },
      { key: "leadCreation", share: 0.3 },
      { key: "opportunityCreation", share: 0.3 },
    ],
    middle: 0.1,
  },
  full_path: {
    milestones: [
      { key: "first", share: 0.225 },
      { key: "leadCreation", share: 0.225 },
      { key: "opportunityCreation", share: 0.225 },
      { key: "last", share: 0.225 },
    ],
    middle: 0.1,
  },
};

function positionWeights(shares: PositionShares, count: number, milestones: Milestones): number[] {
  const weights = new Array<number>(count).fill(0);
  const isMilestone = new Array<boolean>(count).fill(false);
  for (const { key, share } of shares.milestones) {
    const index = milestones[key];
    // A missing milestone's share is dropped here and the rest rescaled below.
    if (index === null) continue;
    // Milestones on the same touch add their shares.
    weights[index] = (weights[index] ?? 0) + share;
    isMilestone[index] = true;
  }
  const middleCount = isMilestone.filter((flag) => !flag).length;
  if (middleCount > 0) {
    const each = shares.middle / middleCount;
    for (let index = 0; index < count; index++) {
      if (!isMilestone[index]) weights[index] = each;
    }
  }
  return normalize(weights);
}

function normalize(weights: number[]): number[] {
  let total = 0;
  for (const weight of weights) total += weight;
  return weights.map((weight) => weight / total);
}

/**
 * Each ordered touch's share of the deal (summing to 1). `ordered` must come from
 * orderTouches and be non-empty.
 */
export function touchWeights(
  model: AttributionModel,
  ordered: readonly Touchpoint[],
  milestones: Milestones,
  halfLifeDays: number = DEFAULT_HALF_LIFE_DAYS,
): number[] {
  const count = ordered.length;
  if (count === 0) throw new RangeError("touchWeights needs at least one touch");
  switch (model) {
    case "first_touch":
    case "last_touch": {
      const weights = new Array<number>(count).fill(0);
      weights[model === "first_touch" ? milestones.first : milestones.last] = 1;
      return weights;
    }
    case "linear":
      return new Array<number>(count).fill(1 / count);
    case "time_decay": {
      if (!(halfLifeDays > 0) || !Number.isFinite(halfLifeDays)) {
        throw new RangeError(`halfLifeDays must be a positive number, got ${halfLifeDays}`);
      }
      const newest = ordered[count - 1]?.occurredAt ?? 0;
      // Weight 2^(-age/h), age = days from touch to close. Ages are measured from the newest
      // touch instead: that multiplies every weight by the same constant, which normalizing
      // removes, and touches years old cannot all underflow to zero.
      const weights = ordered.map((touch) => {
        const ageDays = (newest - touch.occurredAt) / MS_PER_DAY;
        return 2 ** (-ageDays / halfLifeDays);
      });
      return normalize(weights);
    }
    case "u_shaped":
    case "w_shaped":
    case "full_path":
      return positionWeights(POSITION_MODELS[model], count, milestones);
  }
}

import {
  ATTRIBUTION_MODELS,
  type AttributionModel,
  DEFAULT_HALF_LIFE_DAYS,
  findMilestones,
  orderTouches,
  type Touchpoint,
  touchWeights,
} from "./attribution-models";
import { allocateLargestRemainder, assertMinorUnits, type MinorUnits } from "./money";

/** The channel credited with a won deal that has no touchpoint on or before its close. */
export const NO_TOUCH_CHANNEL = "(none)";

/** A won deal with its lead's touchpoints. Times are epoch milliseconds. */
export type WonDeal = {
  id: string;
  amount: MinorUnits;
  /** The opportunity-creation moment. */
  createdAt: number;
  closedAt: number;
  /** The lead-creation moment; null when the deal has no lead. */
  leadCreatedAt: number | null;
  touchpoints: readonly Touchpoint[];
};

export type AttributionOptions = {
  /** Half-life of time_decay, in days; 7 by default. */
  halfLifeDays?: number | undefined;
};

export type ChannelShare = { channel: string; credit: MinorUnits };

export type DealAttribution = {
  dealId: string;
  amount: MinorUnits;
  /** Credits per channel, summing to the amount exactly, in order of first touch. */
  credits: ChannelShare[];
  /** Channels the model gives a positive share (before rounding). */
  creditedChannels: string[];
};

export type ChannelCredit = {
  channel: string;
  credit: MinorUnits;
  /** Number of deals in which the model gives this channel a positive share. */
  deals: number;
};

export type AttributionResult = {
  model: AttributionModel;
  /** Sum of the won amounts; equals the sum of the channel credits. */
  total: MinorUnits;
  /** Largest credit first; ties by channel name. */
  channels: ChannelCredit[];
};

function assertDeal(deal: WonDeal): void {
  assertMinorUnits(deal.amount, `deal ${deal.id} amount`);
  if (deal.amount < 0) throw new RangeError(`deal ${deal.id} amount must not be negative`);
  if (!Number.isFinite(deal.closedAt) || !Number.isFinite(deal.createdAt)) {
    throw new RangeError(`deal ${deal.id} needs finite createdAt and closedAt`);
  }
}

/** One deal's amount split over its channels in minor units, summing to the amount exactly. */
export function attributeDeal(
  deal: WonDeal,
  model: AttributionModel,
  options: AttributionOptions = {},
): DealAttribution {
  assertDeal(deal);
  const ordered = orderTouches(deal.touchpoints, deal.closedAt);
  const milestones = findMilestones(ordered, {
    leadCreatedAt: deal.leadCreatedAt,
    dealCreatedAt: deal.createdAt,
  });
  if (milestones === null) {
    return {
      dealId: deal.id,
      amount: deal.amount,
      credits: [{ channel: NO_TOUCH_CHANNEL, credit: deal.amount }],
      creditedChannels: [NO_TOUCH_CHANNEL],
    };
  }
  const weights = touchWeights(
    model,
    ordered,
    milestones,
    options.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS,
  );

  // Rounding per channel rather than per touch keeps each channel's credit within one minor
  // unit of its exact share.
  const channelWeights = new Map<string, number>();
  ordered.forEach((touch, index) => {
    channelWeights.set(
      touch.channel,
      (channelWeights.get(touch.channel) ?? 0) + (weights[index] ?? 0),
    );
  });
  const channels = [...channelWeights.keys()];
  const credits = allocateLargestRemainder(deal.amount, [...channelWeights.values()]);
  return {
    dealId: deal.id,
    amount: deal.amount,
    credits: channels.map((channel, index) => ({ channel, credit: credits[index] ?? 0 })),
    creditedChannels: channels.filter((channel) => (channelWeights.get(channel) ?? 0) > 0),
  };
}

/** Won revenue by channel under one model, over many deals. */
export function attributeDeals(
  deals: readonly WonDeal[],
  model: AttributionModel,
  options: AttributionOptions = {},
): AttributionResult {
  const byChannel = new Map<string, ChannelCredit>();
  let total = 0;
  for (const deal of deals) {
    const attribution = attributeDeal(deal, model, options);
    total += attribution.amount;
    for (const { channel, credit } of attribution.credits) {
      const entry = byChannel.get(channel) ?? { channel, credit: 0, deals: 0 };
      entry.credit += credit;
      byChannel.set(channel, entry);
    }
    for (const channel of attribution.creditedChannels) {
      const entry = byChannel.get(channel);
      if (entry !== undefined) entry.deals += 1;
    }
  }
  assertMinorUnits(total, "total");
  const channels = [...byChannel.values()].sort(
    (a, b) => b.credit - a.credit || (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0),
  );
  return { model, total, channels };
}

/** Every model side by side, in ATTRIBUTION_MODELS order. */
export function attributeDealsAllModels(
  deals: readonly WonDeal[],
  options: AttributionOptions = {},
): AttributionResult[] {
  return ATTRIBUTION_MODELS.map((model) => attributeDeals(deals, model, options));
}

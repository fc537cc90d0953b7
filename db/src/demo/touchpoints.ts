import { touchCampaigns } from "./campaigns";
import type { SourceProfile } from "./company";
import type { LeadJourney } from "./journey";
import type { Rng } from "./prng";

export interface Touch {
  channel: string;
  campaign: string;
  occurredAt: number;
}

const HOUR = 3600;
const DAY = 24 * HOUR;
const MAX_TOUCHES = 6;

// Channel weights per moment of the journey: discovery before the lead exists, nurture while
// marketing qualifies it, the meeting that opens the deal, and the follow-up to the close.
const discovery = ["paid_search", "content", "direct", "events", "webinar"];
const discoveryWeights = [3, 3, 2, 1, 1];
const nurture = ["email", "webinar", "content"];
const nurtureWeights = [5, 2, 2];
const opening = ["direct", "email", "events"];
const openingWeights = [4, 3, 2];
const closing = ["email", "direct", "events"];
const closingWeights = [3, 2, 1];

/**
 * The touches of one lead, oldest first, none after `cutoff` nor after the deal's close:
 * 1-6 for a lead that became an opportunity, fewer for the others.
 */
export function touchesFor(
  profile: SourceProfile,
  campaign: string,
  journey: LeadJourney,
  cutoff: number,
  rng: Rng,
): Touch[] {
  const { createdAt, deal } = journey;
  const limit = deal?.closedAt ?? cutoff;
  const creation: Touch = { channel: profile.creationChannel, campaign, occurredAt: createdAt };
  const touches: Touch[] = [];
  const add = (channels: string[], weights: number[], at: number) => {
    if (at >= limit) return;
    const channel = channels[rng.weightedIndex(weights)] ?? "direct";
    touches.push({ channel, campaign: touchCampaigns[channel] ?? "", occurredAt: at });
  };

  if (deal && journey.sqlAt !== null) {
    const { sqlAt } = journey;
    const middle = rng.int(0, 2);
    const after = rng.chance(0.5) ? 1 : 0;
    const before = Math.min(rng.int(0, 2), MAX_TOUCHES - 2 - middle - after);
    for (let i = 0; i < before; i++) {
      add(discovery, discoveryWeights, createdAt - Math.round(rng.logNormal(10, 0.8) * DAY));
    }
    touches.push(creation);
    for (let i = 0; i < middle; i++) {
      add(nurture, nurtureWeights, createdAt + Math.round(rng.next() * (sqlAt - createdAt)));
    }
    add(opening, openingWeights, Math.max(createdAt + 60, deal.createdAt - rng.int(0, 2 * DAY)));
    if (after) {
      add(
        closing,
        closingWeights,
        deal.createdAt + Math.round(rng.next() * (limit - deal.createdAt)),
      );
    }
  } else if (journey.mqlAt !== null) {
    touches.push(creation);
    const nurtures = rng.int(0, 2);
    for (let i = 0; i < nurtures; i++) {
      add(nurture, nurtureWeights, createdAt + Math.round(rng.next() * 30 * DAY));
    }
  } else {
    if (rng.chance(0.6)) touches.push(creation);
    if (rng.chance(0.15)) add(nurture, nurtureWeights, createdAt + rng.int(HOUR, 14 * DAY));
  }
  return touches.sort((a, b) => a.occurredAt - b.occurredAt);
}

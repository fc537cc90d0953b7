import { type DemoCalendar, quarterAt } from "./calendar";
import { campaignFor } from "./campaigns";
import { sourceProfiles } from "./company";
import { categorySpans } from "./deal-categories";
import { dealCall } from "./deal-forecast";
import { emptyChunk, type FactChunk } from "./fact-chunk";
import { verdictFor } from "./feedback";
import { leadJourney } from "./journey";
import { createRng, deriveSeed } from "./prng";
import { touchesFor } from "./touchpoints";
import { planLeadVolume } from "./volume";

/** Flows of one window, counted where they happen, as the revenue model counts them. */
export interface FunnelFlows {
  leads: number;
  mqls: number;
  sqls: number;
  wins: number;
  /** Minor units. */
  revenue: number;
}

export interface FactTotals {
  leads: number;
  deals: number;
  touchpoints: number;
  feedback: number;
}

export interface FactOptions {
  calendar: DemoCalendar;
  seed: number;
  leads: number;
  /** Leads per chunk; the other tables follow their leads into the same chunk. */
  chunkLeads: number;
  /** The member who gives sales' verdicts. */
  feedbackAuthorId: string;
}

export interface FactStream {
  /** Drawn lazily: only one chunk is in memory at a time, whatever the size. */
  chunks: Generator<FactChunk, void, undefined>;
  /** Per quarter of the calendar; complete once every chunk has been drawn. */
  flows: FunnelFlows[];
  /** Complete once every chunk has been drawn. */
  totals: FactTotals;
  /** What the volume model expects per whole quarter, the rest of the current one included. */
  expectedLeadsPerQuarter: number[];
}

/**
 * The facts of the demo company, oldest lead first. The same options give the same rows,
 * whatever the chunk size: one random stream is drawn in lead order.
 */
export function generateFacts(options: FactOptions): FactStream {
  const { calendar } = options;
  const volume = planLeadVolume(
    calendar,
    options.leads,
    createRng(deriveSeed(options.seed, "days")),
  );
  const flows = calendar.quarters.map(() => ({ leads: 0, mqls: 0, sqls: 0, wins: 0, revenue: 0 }));
  const totals: FactTotals = { leads: 0, deals: 0, touchpoints: 0, feedback: 0 };
  return {
    chunks: chunks(options, volume.counts, volume.sourceWeights, flows, totals),
    flows,
    totals,
    expectedLeadsPerQuarter: volume.expectedPerQuarter,
  };
}

function* chunks(
  options: FactOptions,
  counts: number[],
  sourceWeights: number[][],
  flows: FunnelFlows[],
  totals: FactTotals,
): Generator<FactChunk, void, undefined> {
  const { calendar, chunkLeads, feedbackAuthorId } = options;
  const { cutoffSec } = calendar;
  const rng = createRng(deriveSeed(options.seed, "leads"));
  const callRng = createRng(deriveSeed(options.seed, "deal-calls"));
  const categoryRng = createRng(deriveSeed(options.seed, "deal-categories"));
  const count = (at: number | null, field: "mqls" | "sqls") => {
    const flow = at === null ? undefined : flows[quarterAt(calendar, at)];
    if (flow) flow[field]++;
  };
  let chunk = emptyChunk();
  for (const day of calendar.days) {
    const n = counts[day.index] ?? 0;
    if (n === 0) continue;
    const weights = sourceWeights[day.index] ?? [];
    const span = day.endSec - day.startSec;
    // Most leads arrive in office hours; the times of a day are drawn first and sorted so
    // that external ids follow creation order.
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const share = rng.chance(0.75) ? (8 + 10 * rng.next()) / 24 : rng.next();
      times.push(day.startSec + Math.floor(share * span));
    }
    times.sort((a, b) => a - b);
    const progress = day.index / calendar.days.length;
    for (const createdAt of times) {
      const profile = sourceProfiles[rng.weightedIndex(weights)];
      if (!profile) continue;
      const number = ++totals.leads;
      const key = String(number).padStart(8, "0");
      const leadId = `L${key}`;
      const campaign = campaignFor(profile.source, day, rng);
      const journey = leadJourney(profile, createdAt, progress, calendar, rng);

      const { leads, deals, touchpoints, feedback } = chunk;
      leads.externalId.push(leadId);
      leads.createdAt.push(createdAt);
      leads.source.push(profile.source);
      leads.campaign.push(campaign);
      leads.mqlAt.push(journey.mqlAt);
      leads.sqlAt.push(journey.sqlAt);
      leads.firstContactAt.push(journey.firstContactAt);
      const flow = flows[day.quarter];
      if (flow) flow.leads++;
      count(journey.mqlAt, "mqls");
      count(journey.sqlAt, "sqls");

      const { deal } = journey;
      if (deal) {
        totals.deals++;
        deals.externalId.push(`D${key}`);
        deals.leadExternalId.push(leadId);
        deals.amount.push(deal.amount);
        deals.status.push(deal.status);
        deals.createdAt.push(deal.createdAt);
        deals.closedAt.push(deal.closedAt);
        deals.owner.push(deal.owner);
        const call = dealCall(deal, callRng);
        const spans = categorySpans(deal, cutoffSec, categoryRng);
        for (const span of spans) {
          chunk.categories.dealExternalId.push(`D${key}`);
          chunk.categories.at.push(span.at);
          chunk.categories.category.push(span.category);
        }
        // An open deal's category in the CRM is the latest one its history saw.
        const latest = spans.at(-1);
        deals.forecastCategory.push(
          deal.status === "open" && latest ? latest.category : call.forecastCategory,
        );
        deals.expectedCloseAt.push(call.expectedCloseAt);
        const wonIn =
          deal.status === "won" && deal.closedAt !== null
            ? flows[quarterAt(calendar, deal.closedAt)]
            : undefined;
        if (wonIn) {
          wonIn.wins++;
          wonIn.revenue += deal.amount;
        }
      }

      const touches = touchesFor(profile, campaign, journey, cutoffSec, rng);
      touches.forEach((touch, i) => {
        touchpoints.externalId.push(`T${key}-${i + 1}`);
        touchpoints.leadExternalId.push(leadId);
        touchpoints.channel.push(touch.channel);
        touchpoints.campaign.push(touch.campaign);
        touchpoints.occurredAt.push(touch.occurredAt);
      });
      totals.touchpoints += touches.length;

      const verdict = verdictFor(profile, journey, cutoffSec, rng);
      if (verdict) {
        totals.feedback++;
        feedback.id.push(`fb_${totals.feedback}`);
        feedback.leadExternalId.push(leadId);
        feedback.verdict.push(verdict.verdict);
        feedback.reason.push(verdict.reason);
        feedback.note.push(verdict.note);
        feedback.authorId.push(feedbackAuthorId);
        feedback.createdAt.push(verdict.createdAt);
      }

      if (leads.externalId.length >= chunkLeads) {
        yield chunk;
        chunk = emptyChunk();
      }
    }
  }
  if (chunk.leads.externalId.length > 0) yield chunk;
}

import type { TouchpointRow, WonDealRow } from "@tandem/db/queries/attribution";
import { toMajorUnits } from "../../lib/money";
import type { AttributionResult, Touchpoint, WonDeal } from "../../revenue";

/** The revenue model's input: each deal with every touch of its lead (the model filters). */
export function toWonDeals(
  dealRows: readonly WonDealRow[],
  touchRows: readonly TouchpointRow[],
): WonDeal[] {
  const touchesByLead = new Map<string, Touchpoint[]>();
  for (const row of touchRows) {
    const touches = touchesByLead.get(row.leadExternalId) ?? [];
    touches.push({ channel: row.channel, occurredAt: row.occurredAt.getTime(), seq: row.seq });
    touchesByLead.set(row.leadExternalId, touches);
  }
  return dealRows.map((deal) => ({
    id: deal.externalId,
    amount: deal.amount,
    createdAt: deal.createdAt.getTime(),
    closedAt: deal.closedAt.getTime(),
    leadCreatedAt: deal.leadCreatedAt === null ? null : deal.leadCreatedAt.getTime(),
    touchpoints: deal.leadExternalId === null ? [] : (touchesByLead.get(deal.leadExternalId) ?? []),
  }));
}

/**
 * Credits leave minor units only here, channel by channel: each is an exact amount of cents,
 * so the major-unit credits add up to the total to the cent. A channel the model gives no
 * share in any deal (every touch but the first under first_touch) is left out; its credit is
 * zero, so the sum is unchanged.
 */
export function modelCreditsView(result: AttributionResult, currency: string) {
  return {
    model: result.model,
    total: toMajorUnits(result.total, currency),
    channels: result.channels
      .filter((c) => c.deals > 0 || c.credit !== 0)
      .map((c) => ({
        channel: c.channel,
        credit: toMajorUnits(c.credit, currency),
        deals: c.deals,
      })),
  };
}

import type { LeadAwaitingVerdict, LeadQualityCounts } from "@tandem/db/queries/lead-quality";
import { toMajorUnits } from "../../lib/money";
import { ratio } from "../../revenue";

/** Counts of one group as the API shows them: rates beside counts, money in major units. */
export function leadQualityRowView(counts: LeadQualityCounts, currency: string) {
  const { leads, mqls, sqls, wins, accepted, rejected } = counts;
  return {
    source: counts.source,
    campaign: counts.campaign,
    leads,
    mqls,
    sqls,
    wins,
    revenue: toMajorUnits(counts.revenue, currency),
    rates: {
      leadToMql: ratio(mqls, leads),
      mqlToSql: ratio(sqls, mqls),
      sqlToWon: ratio(wins, sqls),
      leadToWon: ratio(wins, leads),
    },
    feedback: {
      accepted,
      rejected,
      awaiting: counts.awaiting,
      acceptanceRate: ratio(accepted, accepted + rejected),
      reasons: counts.reasons,
    },
    speedToLead: {
      contacted: counts.contacted,
      medianHours: counts.medianSpeedToLeadHours,
      within24h: counts.contactedWithin24h,
      within24hShare: ratio(counts.contactedWithin24h, mqls),
    },
  };
}

export function awaitingLeadView(lead: LeadAwaitingVerdict) {
  return {
    externalId: lead.externalId,
    source: lead.source,
    campaign: lead.campaign,
    createdAt: lead.createdAt.toISOString(),
    mqlAt: lead.mqlAt?.toISOString() ?? null,
    sqlAt: lead.sqlAt?.toISOString() ?? null,
    stage:
      lead.sqlAt !== null && lead.sqlAt <= lead.qualifiedAt ? ("SQL" as const) : ("MQL" as const),
    qualifiedAt: lead.qualifiedAt.toISOString(),
    name: lead.name,
    email: lead.email,
    company: lead.company,
    owner: lead.owner,
    url: lead.url,
  };
}

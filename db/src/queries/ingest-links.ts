import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { dealLeadLinks, deals } from "../schema/index";
import type { LeadFact, ResolvedDealFact } from "./ingest";
import { upsertDeals } from "./ingest-deals";
import { jsonParam } from "./ingest-sql";

/**
 * Each deal a batch of leads names, with the first lead naming it: a HubSpot deal is associated
 * with several contacts, and the first one is the lead, as a deals export's first associated
 * contact is (presets.ts).
 */
function linksOf(records: readonly LeadFact[]): Map<string, string> {
  const links = new Map<string, string>();
  for (const lead of records) {
    for (const dealId of lead.dealExternalIds ?? []) {
      if (!links.has(dealId)) links.set(dealId, lead.externalId);
    }
  }
  return links;
}

/** Stored deals among `dealIds` that name no lead, with the lead their stored link names. */
function unlinkedDeals(db: DbOrTx, orgId: string, dealIds: readonly string[]) {
  return db
    .select({
      externalId: deals.externalId,
      createdAt: deals.createdAt,
      status: deals.status,
      linkedLead: dealLeadLinks.leadExternalId,
    })
    .from(deals)
    .leftJoin(
      dealLeadLinks,
      and(eq(dealLeadLinks.orgId, deals.orgId), eq(dealLeadLinks.dealExternalId, deals.externalId)),
    )
    .where(
      and(
        eq(deals.orgId, orgId),
        // One JSON parameter however many ids (bind parameters run out at 65,535).
        sql`${deals.externalId} in (select json_array_elements_text(${jsonParam([...dealIds])}::json))`,
        isNull(deals.leadExternalId),
      ),
    );
}

/** How many stored deals a batch of leads would give their lead (for a dry run). */
export async function dealsToLink(
  db: DbOrTx,
  orgId: string,
  records: readonly LeadFact[],
): Promise<number> {
  const links = linksOf(records);
  if (links.size === 0) return 0;
  return (await unlinkedDeals(db, orgId, [...links.keys()])).length;
}

/**
 * Stores the links a batch of leads names and gives each stored deal without a lead of its own
 * the lead that names it, through the deal upsert, so its revenue and pipeline move from
 * "(none)" to the lead's source in the rollups exactly as if the deal had named the lead. Deals
 * not stored yet take the link when they arrive (ingest-deals.ts). A deal that names a lead
 * itself keeps it: the deal's own record is the more specific claim.
 */
export async function linkDeals(
  tx: DbOrTx,
  orgId: string,
  timezone: string,
  records: readonly LeadFact[],
): Promise<number> {
  const links = linksOf(records);
  if (links.size === 0) return 0;
  const rows = [...links].map(([deal, lead]) => ({ deal, lead }));
  await tx.execute(sql`
    insert into deal_lead_links (org_id, deal_external_id, lead_external_id, updated_at)
    select ${orgId}, deal, lead, now() from json_to_recordset(${jsonParam(rows)}::json) as r(deal text, lead text)
     order by deal
    on conflict (org_id, deal_external_id) do nothing`);
  // The stored link, which an earlier batch may have made for another lead.
  const linked: ResolvedDealFact[] = (await unlinkedDeals(tx, orgId, [...links.keys()])).flatMap(
    (deal) =>
      deal.linkedLead === null
        ? []
        : [
            {
              externalId: deal.externalId,
              createdAt: deal.createdAt.toISOString(),
              status: deal.status,
              leadExternalId: deal.linkedLead,
            },
          ],
  );
  if (linked.length === 0) return 0;
  const counts = await upsertDeals(tx, orgId, timezone, linked);
  return counts.updated;
}

import type { IngestKind } from "@tandem/db/queries/ingest";
import type { RecordField } from "../fields";

export const csvPresets = ["hubspot", "salesforce"] as const;
export type CsvPreset = (typeof csvPresets)[number];

export const isCsvPreset = (value: string): value is CsvPreset =>
  csvPresets.some((p) => p === value);

export interface ColumnRule {
  /** Header names to look for, in order of preference (matched case-insensitively). */
  columns: readonly string[];
  /** The cell lists several ids ("123;456"): the first one is taken. */
  firstOfList?: boolean;
  /** Columns read, in order, where the chosen column's cell is blank in a row. */
  fallback?: readonly string[];
}

export type FieldRules = Partial<Record<RecordField, ColumnRule>>;

/**
 * The standard export columns of each CRM. HubSpot exports contacts and deals with "Record ID"
 * and local times in the portal's timezone; a deals export with associations lists contact ids
 * separated by semicolons. Salesforce exports (Data Loader, Data Export) use API field names
 * and UTC times; an Opportunity does not name the lead it came from, but the Lead names the
 * opportunity it was converted into (ConvertedOpportunityId), which links the two; a custom
 * field on the opportunity holding the lead's id is read too, when the org keeps one. A HubSpot
 * export with associations lists ids separated by semicolons ("Associated Deal IDs" on contacts,
 * "Associated Contact IDs" on deals).
 * Touchpoints come from Salesforce campaign members; HubSpot has no standard export for them.
 */
export const presetRules: Record<CsvPreset, Partial<Record<IngestKind, FieldRules>>> = {
  hubspot: {
    leads: {
      externalId: { columns: ["Record ID", "Contact ID"] },
      createdAt: { columns: ["Create Date"] },
      source: { columns: ["Original Source", "Original Source Type"] },
      campaign: { columns: ["Original Source Drill-Down 1"] },
      mqlAt: { columns: ["Became a Marketing Qualified Lead Date"] },
      sqlAt: { columns: ["Became a Sales Qualified Lead Date"] },
      firstContactAt: { columns: ["First Engagement Date", "Date of first engagement"] },
      email: { columns: ["Email"] },
      company: { columns: ["Company Name", "Company"] },
      owner: { columns: ["Contact owner", "HubSpot Owner"] },
      dealExternalIds: { columns: ["Associated Deal IDs", "Associated Deal ID"] },
    },
    deals: {
      externalId: { columns: ["Record ID", "Deal ID"] },
      leadExternalId: {
        columns: ["Associated Contact IDs", "Associated Contact ID", "Contact ID"],
        firstOfList: true,
      },
      amount: { columns: ["Amount", "Amount in company currency"] },
      stage: { columns: ["Deal Stage"] },
      createdAt: { columns: ["Create Date"] },
      closedAt: { columns: ["Close Date"] },
      owner: { columns: ["Deal owner"] },
      forecastCategory: { columns: ["Forecast category", "Forecast Category"] },
    },
  },
  salesforce: {
    leads: {
      externalId: { columns: ["Id", "Lead ID"] },
      createdAt: { columns: ["CreatedDate", "Created Date"] },
      source: { columns: ["LeadSource", "Lead Source"] },
      campaign: { columns: ["Campaign.Name", "Campaign Name"] },
      mqlAt: { columns: ["MQL_Date__c", "MQL Date"] },
      sqlAt: { columns: ["ConvertedDate", "Converted Date"] },
      firstContactAt: { columns: ["First_Contact_Date__c", "First Contact Date"] },
      email: { columns: ["Email"] },
      company: { columns: ["Company"] },
      owner: { columns: ["Owner.Name", "Lead Owner"] },
      dealExternalIds: { columns: ["ConvertedOpportunityId", "Converted Opportunity ID"] },
    },
    deals: {
      externalId: { columns: ["Id", "Opportunity ID"] },
      leadExternalId: { columns: ["Lead_Id__c", "LeadId", "Converted Lead ID"] },
      amount: { columns: ["Amount"] },
      stage: { columns: ["StageName", "Stage"] },
      createdAt: { columns: ["CreatedDate", "Created Date"] },
      closedAt: { columns: ["CloseDate", "Close Date"] },
      owner: { columns: ["Owner.Name", "Opportunity Owner", "OwnerId"] },
      forecastCategory: { columns: ["ForecastCategoryName", "Forecast Category"] },
    },
    touchpoints: {
      externalId: { columns: ["Id", "Campaign Member ID"] },
      // A campaign member is a lead or a contact: LeadId is blank for contacts.
      leadExternalId: {
        columns: ["LeadId", "Lead ID", "ContactId", "Contact ID"],
        fallback: ["ContactId", "Contact ID"],
      },
      channel: { columns: ["Campaign.Type", "Campaign Type"] },
      campaign: { columns: ["Campaign.Name", "Campaign Name", "CampaignId"] },
      occurredAt: { columns: ["CreatedDate", "Created Date"] },
    },
  },
};

/**
 * A CRM stage as a deal status: closed-won and closed-lost stages (any spelling: "Closed Won",
 * "closedwon", "closed-lost") and the plain statuses are recognised; every other stage is a
 * deal still in progress, since pipelines name their open stages freely.
 */
export function statusFromStage(stage: string): "open" | "won" | "lost" {
  const key = stage.toLowerCase().replace(/[^a-z]/g, "");
  if (key === "won" || key === "closedwon") return "won";
  if (key === "lost" || key === "closedlost") return "lost";
  return "open";
}

import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
} from "drizzle-orm/pg-core";
import { createdAt, money, timestamptz, updatedAt } from "./columns";
import { orgId } from "./org-id";

export const dealStatuses = ["open", "won", "lost"] as const;
/** The CRM's forecast categories, as Salesforce and HubSpot name them. */
export const forecastCategories = ["commit", "best_case", "pipeline", "omitted"] as const;
export const feedbackVerdicts = ["accepted", "rejected"] as const;
export const feedbackReasons = [
  "not_icp",
  "no_budget",
  "bad_timing",
  "duplicate",
  "no_response",
  "other",
] as const;

// Facts are keyed by the external id of the system of record, so ingest is an upsert.
export const leads = pgTable(
  "leads",
  {
    orgId: orgId(),
    externalId: text("external_id").notNull(),
    createdAt: timestamptz("created_at").notNull(),
    source: text("source").notNull(),
    campaign: text("campaign").notNull().default(""),
    mqlAt: timestamptz("mql_at"),
    sqlAt: timestamptz("sql_at"),
    firstContactAt: timestamptz("first_contact_at"),
    // Who the lead is, as the CRM holds it: shown to sales when they judge the lead, never logged.
    name: text("name"),
    email: text("email"),
    company: text("company"),
    owner: text("owner"),
    url: text("url"),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.externalId] }),
    // Lead quality reads a cohort by creation; speed-to-lead comes from daily_speed_rollups, so
    // no index on mql_at is kept up to date on every ingest for nothing.
    index("leads_org_created_idx").on(t.orgId, t.createdAt),
  ],
);

export const deals = pgTable(
  "deals",
  {
    orgId: orgId(),
    externalId: text("external_id").notNull(),
    leadExternalId: text("lead_external_id"),
    amount: money("amount").notNull(),
    /** The CRM's stage name as it spells it; its outcome (deal_stages) decides `status`. */
    stage: text("stage"),
    status: text("status", { enum: dealStatuses }).notNull(),
    createdAt: timestamptz("created_at").notNull(),
    closedAt: timestamptz("closed_at"),
    owner: text("owner"),
    /** The rep's call on an open deal, as the CRM holds it; the forecast reads it when given. */
    forecastCategory: text("forecast_category", { enum: forecastCategories }),
    /** When the rep expects an open deal to close (the CRM's close date of an open deal). */
    expectedCloseAt: timestamptz("expected_close_at"),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.externalId] }),
    index("deals_org_closed_idx").on(t.orgId, t.closedAt),
    index("deals_org_lead_idx").on(t.orgId, t.leadExternalId),
    check("deals_amount_check", sql`${t.amount} >= 0`),
  ],
);

/**
 * Per organization, the CRM's deal stage names and the outcome each stands for. A stage first
 * seen in an ingest gets a guessed outcome with needs_review set, until someone confirms it.
 */
export const dealStages = pgTable(
  "deal_stages",
  {
    orgId: orgId(),
    name: text("name").notNull(),
    outcome: text("outcome", { enum: dealStatuses }).notNull(),
    position: integer("position").notNull(),
    needsReview: boolean("needs_review").notNull().default(false),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.name] })],
);

/**
 * Which lead a deal came from, as the lead's side of the CRM says it: a Salesforce Lead's
 * ConvertedOpportunityId, a HubSpot contact's associated deal ids. Kept apart from the deal so
 * the link holds whichever file arrives first; a deal that names no lead itself takes its lead
 * from here (ingest-deals.ts, ingest-links.ts).
 */
export const dealLeadLinks = pgTable(
  "deal_lead_links",
  {
    orgId: orgId(),
    dealExternalId: text("deal_external_id").notNull(),
    leadExternalId: text("lead_external_id").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.dealExternalId] })],
);

export const touchpoints = pgTable(
  "touchpoints",
  {
    orgId: orgId(),
    externalId: text("external_id").notNull(),
    leadExternalId: text("lead_external_id").notNull(),
    channel: text("channel").notNull(),
    campaign: text("campaign").notNull().default(""),
    occurredAt: timestamptz("occurred_at").notNull(),
    /** Ingest order: breaks ties between touches at the same instant. */
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.externalId] }),
    index("touchpoints_org_lead_idx").on(t.orgId, t.leadExternalId, t.occurredAt),
  ],
);

export const leadFeedback = pgTable(
  "lead_feedback",
  {
    orgId: orgId(),
    id: text("id").notNull(),
    leadExternalId: text("lead_external_id").notNull(),
    verdict: text("verdict", { enum: feedbackVerdicts }).notNull(),
    reason: text("reason", { enum: feedbackReasons }),
    note: text("note").notNull().default(""),
    authorId: text("author_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("lead_feedback_org_lead_idx").on(t.orgId, t.leadExternalId, t.createdAt),
  ],
);

/**
 * Per organization, calendar day (organization timezone) and lead source/campaign: the flows
 * of that day. Kept in step with the facts in the same transaction; the dashboard reads only
 * these. Open pipeline is counted on the day the open deal was created, so its sum over all
 * days is the current open pipeline.
 */
export const dailyRollups = pgTable(
  "daily_rollups",
  {
    orgId: orgId(),
    day: date("day", { mode: "string" }).notNull(),
    source: text("source").notNull(),
    campaign: text("campaign").notNull(),
    leads: integer("leads").notNull().default(0),
    mqls: integer("mqls").notNull().default(0),
    sqls: integer("sqls").notNull().default(0),
    wins: integer("wins").notNull().default(0),
    wonAmount: money("won_amount").notNull().default(0),
    openDeals: integer("open_deals").notNull().default(0),
    openAmount: money("open_amount").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day, t.source, t.campaign] })],
);

/**
 * Per organization and MQL day (organization timezone): how many of that day's MQLs got their
 * first sales contact after a wait in each speed bucket (geometric, see
 * queries/speed-rollups.ts). The summary takes its median speed-to-lead from these, so its
 * cost grows with the days of the period and the buckets used, never with the leads.
 */
export const dailySpeedRollups = pgTable(
  "daily_speed_rollups",
  {
    orgId: orgId(),
    day: date("day", { mode: "string" }).notNull(),
    bucket: smallint("bucket").notNull(),
    leads: integer("leads").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day, t.bucket] })],
);

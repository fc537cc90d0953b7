import { z } from "@hono/zod-openapi";
import { isoDateSchema } from "../../lib/schemas";

export const leadQualityQuerySchema = z.object({
  asOf: isoDateSchema.optional().openapi({
    description:
      "Default: today in the organization's timezone. The cohort is the leads created from the period's start through this day (capped to the period); their outcomes count up to the end of this day",
  }),
  groupBy: z.enum(["source", "campaign"]).default("source").openapi({
    description: "`campaign` gives one row per source and campaign",
  }),
});

const rateSchema = z.number().nullable().openapi({ description: "Null when the denominator is 0" });

const reasonCountsSchema = z
  .object({
    not_icp: z.number().int(),
    no_budget: z.number().int(),
    bad_timing: z.number().int(),
    duplicate: z.number().int(),
    no_response: z.number().int(),
    other: z.number().int(),
    unspecified: z.number().int().openapi({ description: "Rejected without a reason" }),
  })
  .openapi("RejectionReasons");

export const leadQualityRowSchema = z
  .object({
    source: z.string().nullable().openapi({ description: "Null on the total row" }),
    campaign: z.string().nullable().openapi({
      description: 'Null on the total row and when grouped by source; "" for no campaign',
    }),
    leads: z.number().int(),
    mqls: z.number().int(),
    sqls: z.number().int(),
    wins: z.number().int().openapi({ description: "Won deals of these leads" }),
    revenue: z.number().openapi({ description: "Won amount of these leads, major currency units" }),
    rates: z.object({
      leadToMql: rateSchema,
      mqlToSql: rateSchema,
      sqlToWon: rateSchema,
      leadToWon: rateSchema,
    }),
    feedback: z.object({
      accepted: z.number().int().openapi({ description: "Leads whose latest verdict is accepted" }),
      rejected: z.number().int().openapi({ description: "Leads whose latest verdict is rejected" }),
      awaiting: z.number().int().openapi({ description: "MQL or SQL leads without a verdict" }),
      acceptanceRate: rateSchema.openapi({ description: "accepted / (accepted + rejected)" }),
      reasons: reasonCountsSchema,
    }),
    speedToLead: z.object({
      contacted: z.number().int().openapi({ description: "MQLs with a first sales contact" }),
      medianHours: z
        .number()
        .nullable()
        .openapi({ description: "Median hours from MQL to first contact over the contacted MQLs" }),
      within24h: z.number().int().openapi({ description: "MQLs contacted within 24 hours" }),
      within24hShare: rateSchema.openapi({ description: "within24h / MQLs" }),
    }),
  })
  .openapi("LeadQualityRow");

const awaitingLeadSchema = z
  .object({
    externalId: z.string(),
    source: z.string(),
    campaign: z.string(),
    createdAt: z.string(),
    mqlAt: z.string().nullable(),
    sqlAt: z.string().nullable(),
    stage: z.enum(["MQL", "SQL"]).openapi({ description: "Its stage as of the day asked for" }),
    qualifiedAt: z.string().openapi({
      description: "When it reached that stage; the list is newest first by this time",
    }),
    name: z.string().nullable(),
    email: z.string().nullable(),
    company: z.string().nullable(),
    owner: z.string().nullable(),
    url: z
      .string()
      .nullable()
      .openapi({ description: "The lead's record in the CRM (http or https)" }),
  })
  .openapi("LeadAwaitingVerdict");

export const leadQualitySchema = z
  .object({
    asOf: z.string().openapi({ description: "Outcomes are counted up to the end of this day" }),
    cohort: z.object({ from: z.string(), through: z.string() }).nullable().openapi({
      description: "Days on which the counted leads were created; null before the period",
    }),
    groupBy: z.enum(["source", "campaign"]),
    currency: z.string(),
    rows: z.array(leadQualityRowSchema).openapi({ description: "Most leads first" }),
    total: leadQualityRowSchema,
    awaitingVerdict: z.array(awaitingLeadSchema).openapi({
      description: "The newest MQL or SQL leads of the cohort without a verdict (up to 20)",
    }),
  })
  .openapi("LeadQuality");

import { z } from "zod";
import { parseMajorUnits } from "../lib/money";
import { storableText } from "../lib/text";
import { INSTANT_FORMAT, parseRecordTime } from "./timestamps";

// Plain zod with .meta() for the OpenAPI document, so the web app can use these schemas
// without pulling in the server's router.
export const dealStatuses = ["open", "won", "lost"] as const;
export const forecastCategories = ["commit", "best_case", "pipeline", "omitted"] as const;
export type ForecastCategory = (typeof forecastCategories)[number];

/**
 * A forecast category as the CRMs spell it: "Best Case", "best_case", "BestCase"; HubSpot's
 * "Not forecasted" is omitted, and Salesforce's "Closed" (won deals only) is commit. Anything
 * else is refused rather than guessed.
 */
export function forecastCategoryOf(value: string): ForecastCategory | null {
  const key = value.toLowerCase().replace(/[^a-z]/g, "");
  if (key === "commit" || key === "closed" || key === "closedwon") return "commit";
  if (key === "bestcase") return "best_case";
  if (key === "pipeline") return "pipeline";
  if (key === "omitted" || key === "omit" || key === "notforecasted") return "omitted";
  return null;
}

/** Forecast category: absent keeps, null or "" clears. */
const forecastCategory = storableText(
  z.string({ error: "must be commit, best_case, pipeline, omitted or null" }).trim(),
)
  .transform((value, ctx) => {
    if (value === "") return null;
    const category = forecastCategoryOf(value);
    if (category === null) {
      ctx.addIssue({ code: "custom", message: "must be commit, best_case, pipeline or omitted" });
      return z.NEVER;
    }
    return category;
  })
  .nullable()
  .optional()
  .meta({
    description:
      'The CRM\'s forecast category of the deal: commit, best_case, pipeline or omitted (CRM spellings such as "Best Case" and "Not forecasted" are read)',
    examples: ["commit"],
  });

// Every field of a record is one of two kinds. Required: must be present and not null.
// Optional: left out, the stored value is kept (integrators resend partial records); null or an
// empty string clears it.

/** "is required" rather than zod's "expected string, received undefined". */
const requiredMessage = (expected: string) => (issue: { input: unknown }) =>
  issue.input === undefined || issue.input === null ? "is required" : `must be ${expected}`;

// Every text field goes through storableText: a NUL or a lone surrogate is refused with the
// record's index and the field's path, in JSON batches and CSV files alike.
const text = (max: number) =>
  storableText(
    z
      .string({ error: requiredMessage("text") })
      .trim()
      .min(1, "is required")
      .max(max, `must be at most ${max} characters`),
  );

/** Optional text: absent keeps, null or "" clears (stored as null). */
const optionalText = (max: number) =>
  storableText(
    z
      .string({ error: "must be text or null" })
      .trim()
      .max(max, `must be at most ${max} characters`),
  )
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();

/** Campaign: absent keeps, null or "" means none (stored as ""). */
const campaign = storableText(
  z.string({ error: "must be text or null" }).trim().max(255, "must be at most 255 characters"),
)
  .nullable()
  .optional()
  .transform((v) => (v === null ? "" : v));

/** A link to the record in the CRM, shown to sales as a link: only http(s), never script. */
const recordUrl = storableText(
  z.string({ error: "must be a URL or null" }).trim().max(2000, "must be at most 2000 characters"),
)
  .refine((v) => v === "" || /^https?:\/\/[^\s/]+/i.test(v), "must be an http(s) URL")
  .transform((v) => (v === "" ? null : v))
  .nullable()
  .optional();

const externalId = text(255).meta({ examples: ["crm-00123"] });

export interface RecordFormat {
  /** Decimal places of the organization's currency. */
  digits: number;
  /** The organization's IANA zone: a date alone means its midnight there. */
  timeZone: string;
}

function instantOf(timeZone: string) {
  return z
    .union([z.string(), z.number()], { error: requiredMessage(INSTANT_FORMAT) })
    .transform((value, ctx) => {
      const iso = parseRecordTime(value, timeZone);
      if (iso === null) {
        ctx.addIssue({ code: "custom", message: `must be ${INSTANT_FORMAT}` });
        return z.NEVER;
      }
      return iso;
    })
    .meta({
      description:
        "ISO 8601 with an offset, a date alone (midnight in the organization's timezone) or epoch milliseconds",
      examples: ["2026-03-01T09:30:00Z"],
    });
}

function buildSchemas({ digits, timeZone }: RecordFormat) {
  const instant = instantOf(timeZone);
  const optionalInstant = instant.nullable().optional();
  const amount = z
    .union([z.number(), z.string()], { error: "must be a number of major units, e.g. 1250.50" })
    .nullable()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      // No amount is worth nothing: open deals often have none yet.
      if (value === null || value === "") return 0;
      const result = parseMajorUnits(value, digits);
      if (!result.ok) {
        ctx.addIssue({ code: "custom", message: result.message });
        return z.NEVER;
      }
      return result.minor;
    })
    .meta({
      description:
        "In major units of the organization's currency (12500.50 dollars, 12500 yen); null or absent on a new deal is 0",
      examples: [12500.5],
    });

  const leads = z
    .strictObject({
      externalId,
      createdAt: instant,
      source: text(255).meta({ examples: ["paid_search"] }),
      campaign,
      mqlAt: optionalInstant,
      sqlAt: optionalInstant,
      firstContactAt: optionalInstant,
      name: optionalText(255),
      email: optionalText(320),
      company: optionalText(255),
      owner: optionalText(255),
      url: recordUrl,
      dealExternalIds: z
        .array(text(255), { error: "must be a list of deal externalIds" })
        .max(100, "must list at most 100 deals")
        .nullable()
        .optional()
        .meta({
          description:
            "The deals this lead became (a Salesforce Lead's ConvertedOpportunityId, a HubSpot contact's associated deal ids). A deal that names no lead itself counts under this lead, whichever arrives first; links are added, never removed by a resend.",
          examples: [["crm-deal-9"]],
        }),
    })
    .meta({
      description:
        "A lead. Optional fields left out keep their stored value; null clears them. name, email, company, owner and url are shown to sales when they judge the lead.",
    });

  const touchpoints = z
    .strictObject({
      externalId,
      leadExternalId: text(255),
      channel: text(255).meta({ examples: ["webinar"] }),
      campaign,
      occurredAt: instant,
    })
    .meta({ description: "A marketing touch of a lead" });

  const deals = z
    .strictObject({
      externalId,
      leadExternalId: optionalText(255),
      amount,
      stage: optionalText(255).meta({
        description:
          "The CRM's stage name; its outcome in the organization's deal stages sets the status",
        examples: ["Contract Sent"],
      }),
      status: z
        .enum(dealStatuses, { error: "must be open, won or lost" })
        .optional()
        .meta({ description: "Required without a stage; with one it must agree with its outcome" }),
      createdAt: instant,
      closedAt: optionalInstant,
      owner: optionalText(255),
      forecastCategory,
      expectedCloseAt: optionalInstant.meta({
        description: "When the deal is expected to close (the CRM's close date of an open deal)",
      }),
    })
    .superRefine((deal, ctx) => {
      if (deal.status === undefined && (deal.stage === undefined || deal.stage === null)) {
        ctx.addIssue({ code: "custom", path: ["status"], message: "is required without a stage" });
      }
      // A won deal without its close time would be revenue on no day: it could never count.
      if (deal.status === "won" && (deal.closedAt === null || deal.closedAt === undefined)) {
        ctx.addIssue({
          code: "custom",
          path: ["closedAt"],
          message: "is required when status is won",
        });
      }
    })
    .meta({
      description:
        "A deal (opportunity); amount in major units. Optional fields left out keep their stored value.",
    });

  return { leads, deals, touchpoints };
}

export type RecordSchemas = ReturnType<typeof buildSchemas>;

const cache = new Map<string, RecordSchemas>();

/** The record schemas for a currency precision and timezone (built once per pair). */
export function recordSchemas(format: RecordFormat): RecordSchemas {
  const key = `${format.digits}\u0000${format.timeZone}`;
  let schemas = cache.get(key);
  if (!schemas) {
    schemas = buildSchemas(format);
    cache.set(key, schemas);
  }
  return schemas;
}

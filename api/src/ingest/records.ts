import { z } from "zod";
import { toMinorUnits } from "./money";
import { INSTANT_FORMAT, parseInstant } from "./timestamps";

// Plain zod with .meta() for the OpenAPI document, so the web app can use these schemas
// without pulling in the server's router.
export const dealStatuses = ["open", "won", "lost"] as const;

const text = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => v ?? "");

const instant = z
  .string()
  .transform((value, ctx) => {
    const iso = parseInstant(value);
    if (iso === null) {
      ctx.addIssue({ code: "custom", message: `must be ${INSTANT_FORMAT}` });
      return z.NEVER;
    }
    return iso;
  })
  .meta({ format: "date-time", examples: ["2026-03-01T09:30:00Z"] });

const optionalInstant = instant.nullish().transform((v) => v ?? null);

const externalId = text(255).meta({ examples: ["crm-00123"] });

export const leadRecordSchema = z
  .strictObject({
    externalId,
    createdAt: instant,
    source: text(255).meta({ examples: ["paid_search"] }),
    campaign: optionalText(255),
    mqlAt: optionalInstant,
    sqlAt: optionalInstant,
    firstContactAt: optionalInstant,
  })
  .meta({ description: "A lead; times ISO 8601 with an offset" });

export const touchpointRecordSchema = z
  .strictObject({
    externalId,
    leadExternalId: text(255),
    channel: text(255).meta({ examples: ["webinar"] }),
    campaign: optionalText(255),
    occurredAt: instant,
  })
  .meta({ description: "A marketing touch of a lead" });

function buildDealRecordSchema(digits: number) {
  const amount = z
    .union([z.number(), z.string()])
    .transform((value, ctx) => {
      const result = toMinorUnits(value, digits);
      if (!result.ok) {
        ctx.addIssue({ code: "custom", message: result.message });
        return z.NEVER;
      }
      return result.minor;
    })
    .meta({
      description: "In major units of the organization's currency (12500.50 dollars, 12500 yen)",
      examples: [12500.5],
    });
  return z
    .strictObject({
      externalId,
      leadExternalId: text(255)
        .nullish()
        .transform((v) => v ?? null),
      amount,
      status: z.enum(dealStatuses),
      createdAt: instant,
      closedAt: optionalInstant,
      owner: text(255)
        .nullish()
        .transform((v) => v ?? null),
    })
    .superRefine((deal, ctx) => {
      // A won deal without its close time would be revenue on no day: it could never count.
      if (deal.status === "won" && deal.closedAt === null) {
        ctx.addIssue({
          code: "custom",
          path: ["closedAt"],
          message: "is required when status is won",
        });
      }
    })
    .meta({ description: "A deal (opportunity); amount in major units" });
}

export type DealRecordSchema = ReturnType<typeof buildDealRecordSchema>;

const dealSchemas = new Map<number, DealRecordSchema>();

/** The deal schema for a currency with `digits` decimal places (built once per precision). */
export function dealRecordSchema(digits: number): DealRecordSchema {
  let schema = dealSchemas.get(digits);
  if (!schema) {
    schema = buildDealRecordSchema(digits);
    dealSchemas.set(digits, schema);
  }
  return schema;
}

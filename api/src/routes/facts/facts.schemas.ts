import { z } from "@hono/zod-openapi";
import { dealStatuses, forecastCategories } from "@tandem/db/schema";

const instant = z.string().openapi({ format: "date-time" });
const optionalInstant = instant.nullable();

export const leadSchema = z
  .object({
    externalId: z.string(),
    createdAt: instant,
    source: z.string(),
    campaign: z.string(),
    mqlAt: optionalInstant,
    sqlAt: optionalInstant,
    firstContactAt: optionalInstant,
    name: z.string().nullable(),
    email: z.string().nullable(),
    company: z.string().nullable(),
    owner: z.string().nullable(),
    url: z.string().nullable(),
    updatedAt: instant,
  })
  .openapi("Lead");

export const dealSchema = z
  .object({
    externalId: z.string(),
    leadExternalId: z.string().nullable(),
    amount: z.number().openapi({ description: "In major units of the organization's currency" }),
    stage: z.string().nullable(),
    status: z.enum(dealStatuses),
    createdAt: instant,
    closedAt: optionalInstant,
    owner: z.string().nullable(),
    forecastCategory: z.enum(forecastCategories).nullable(),
    expectedCloseAt: optionalInstant,
    updatedAt: instant,
  })
  .openapi("Deal");

export const touchpointSchema = z
  .object({
    externalId: z.string(),
    leadExternalId: z.string(),
    channel: z.string(),
    campaign: z.string(),
    occurredAt: instant,
    updatedAt: instant,
  })
  .openapi("Touchpoint");

const pageOf = <T extends z.ZodType>(item: T, name: string) =>
  z
    .object({
      items: z.array(item),
      nextCursor: z.string().nullable().openapi({
        description: "Send it back as `cursor` for the next page; null on the last page",
      }),
    })
    .openapi(name);

export const leadPageSchema = pageOf(leadSchema, "LeadPage");
export const dealPageSchema = pageOf(dealSchema, "DealPage");
export const touchpointPageSchema = pageOf(touchpointSchema, "TouchpointPage");

export const factListQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(100)
    .openapi({ param: { name: "limit", in: "query" } }),
  cursor: z
    .string()
    .max(600)
    .optional()
    .openapi({
      param: { name: "cursor", in: "query" },
      description: "The nextCursor of the previous page",
    }),
  updatedSince: z
    .string()
    .datetime({ offset: true, message: "must be ISO 8601 with an offset" })
    .optional()
    .openapi({
      param: { name: "updatedSince", in: "query" },
      description: "Only records written at or after this instant (ISO 8601 with an offset)",
    }),
});

export const externalIdParams = z.object({
  externalId: z
    .string()
    .min(1)
    .max(255)
    .openapi({ param: { name: "externalId", in: "path" }, example: "crm-00123" }),
});

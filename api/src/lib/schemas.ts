import { z } from "@hono/zod-openapi";
import { errorCodeNames } from "./errors";

const currencies = new Set(Intl.supportedValuesOf("currency"));
const timeZones = new Set([...Intl.supportedValuesOf("timeZone"), "UTC"]);

export const currencySchema = z
  .string()
  .length(3)
  .transform((s) => s.toUpperCase())
  .refine((s) => currencies.has(s), "must be an ISO 4217 currency code such as USD or EUR")
  .openapi({ example: "USD" });

export const timeZoneSchema = z
  .string()
  .max(64)
  .refine((s) => timeZones.has(s), "must be an IANA time zone such as Europe/Berlin")
  .openapi({ example: "America/New_York" });

/** The calendar days Tandem stores, the same years as its instants (see ingest/timestamps). */
export const EARLIEST_DATE = "1900-01-01";
export const LATEST_DATE = "9999-12-31";

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD")
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
      new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    "is not a real calendar date",
  )
  .refine(
    (s) => s >= EARLIEST_DATE && s <= LATEST_DATE,
    `must be between ${EARLIEST_DATE} and ${LATEST_DATE}`,
  )
  .openapi({ example: "2026-10-01" });

export const idParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "id", in: "path" } }),
});

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(errorCodeNames),
    requestId: z.string(),
    errors: z
      .array(
        z.object({ index: z.number().int().optional(), path: z.string(), message: z.string() }),
      )
      .optional(),
  })
  .openapi("Problem");

const problemContent = { "application/problem+json": { schema: problemSchema } };

/** A problem+json response whose description says what this route's error means. */
export const problemFor = (description: string) => ({ description, content: problemContent });

/** The error responses routes share, for the OpenAPI document; `problemFor` when a route says more. */
export const problemResponses = {
  401: problemFor("Not signed in"),
  403: problemFor("Role too low or no organization"),
  404: problemFor("Not found in your organization"),
  412: problemFor("Changed by someone else since the given version"),
  422: problemFor("Invalid input, with the field path of each error"),
  428: problemFor("If-Match missing"),
  429: {
    description: "Too many requests; wait the seconds Retry-After says",
    headers: {
      "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } },
    },
    content: problemContent,
  },
} as const;

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

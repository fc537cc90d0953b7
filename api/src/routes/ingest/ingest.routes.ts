import { createRoute, z } from "@hono/zod-openapi";
import { ingestKinds } from "@tandem/db/queries/ingest";
import { jsonResponse, problemFor, problemResponses, problemSchema } from "../../lib/schemas";
import {
  type batchComponents,
  csvProblemSchema,
  ingestQuerySchema,
  ingestResultSchema,
} from "./ingest.schemas";

const problem = { "application/problem+json": { schema: csvProblemSchema } };

/** What a JSON batch's 422 is (errors by record index) and what a CSV file's is (by line). */
const ingestProblem = {
  "application/problem+json": { schema: z.union([problemSchema, csvProblemSchema]) },
};

/** On every answer to an API key (lib/api-key-auth.ts). */
export const rateLimitHeaders = {
  "RateLimit-Limit": {
    description: "Requests a minute this key may make",
    schema: { type: "integer" as const },
  },
  "RateLimit-Remaining": {
    description: "Requests left in the current minute",
    schema: { type: "integer" as const },
  },
  "RateLimit-Reset": {
    description: "Seconds until the minute starts again",
    schema: { type: "integer" as const },
  },
};

function ingestRoute(
  kind: "leads" | "deals" | "touchpoints",
  component: keyof typeof batchComponents,
) {
  return createRoute({
    method: "post",
    path: `/ingest/${kind}`,
    tags: ["Ingest"],
    summary: `Upsert ${kind} by externalId (API key)`,
    description:
      "A JSON batch {records} of 1 to 10,000 records, or a CSV file (text/csv) with optional preset and column mapping. Validated whole: any invalid record rejects the batch with every problem listed (index, or line for CSV) and nothing written.",
    operationId: `ingest${kind.charAt(0).toUpperCase()}${kind.slice(1)}`,
    security: [{ apiKey: [] }],
    request: {
      query: ingestQuerySchema,
      headers: z.object({
        "idempotency-key": z
          .string()
          .optional()
          .openapi({
            param: { name: "idempotency-key", in: "header" },
            description:
              "1 to 255 visible ASCII characters, e.g. a UUID. A retry with the same key and body within 24 hours gets the stored answer (replayed: true) and writes nothing; the same key with another body is 409",
          }),
      }),
      body: {
        required: true,
        content: {
          "application/json": { schema: { $ref: `#/components/schemas/${component}` } },
          "text/csv": { schema: { type: "string" } },
        },
      },
    },
    responses: {
      200: {
        ...jsonResponse(ingestResultSchema, "What changed (or would change, on a dry run)"),
        headers: {
          ...rateLimitHeaders,
          "Idempotent-Replayed": {
            description: "true when this is the stored answer of an earlier request with the key",
            schema: { type: "string" as const },
          },
        },
      },
      400: { description: "Not JSON or CSV", content: problem },
      401: problemResponses[401],
      409: problemFor("The Idempotency-Key was used for a different request; nothing was written"),
      413: { description: "Body over the size limit", content: problem },
      422: {
        description:
          "Invalid records; nothing was written. A JSON batch answers Problem with errors [{index, path, message}]; a CSV file answers CsvProblem with errors [{line, path, column, message, options?}]",
        content: ingestProblem,
      },
      429: problemResponses[429],
    },
  });
}

export const ingestLeadsRoute = ingestRoute("leads", "IngestLeadsBody");
export const ingestDealsRoute = ingestRoute("deals", "IngestDealsBody");
export const ingestTouchpointsRoute = ingestRoute("touchpoints", "IngestTouchpointsBody");

export const archiveBodySchema = z
  .strictObject({
    externalIds: z
      .array(z.string().trim().min(1, "is required").max(255, "must be at most 255 characters"))
      .min(1, "must list at least one externalId")
      .max(10_000, "must list at most 10,000 externalIds"),
  })
  .openapi("ArchiveBody");

export const archiveResultSchema = z
  .object({
    kind: z.enum(ingestKinds),
    archived: z.number().int(),
    unknown: z.number().int().openapi({
      description: "Ids not stored (never sent, or archived already): nothing was done for them",
    }),
  })
  .openapi("ArchiveResult");

function archiveRoute(kind: "leads" | "deals" | "touchpoints", operationId: string) {
  return createRoute({
    method: "post",
    path: `/ingest/${kind}/archive`,
    operationId,
    tags: ["Ingest"],
    summary: `Archive ${kind} deleted or merged away in the CRM (API key)`,
    description:
      "Archived records stop counting at once: rollups, attribution and forecasts no longer see them. Resending a record by its externalId restores it, with the fields the resend leaves out as they were.",
    security: [{ apiKey: [] }],
    request: {
      body: { required: true, content: { "application/json": { schema: archiveBodySchema } } },
    },
    responses: {
      200: {
        ...jsonResponse(archiveResultSchema, "How many were archived"),
        headers: rateLimitHeaders,
      },
      401: problemResponses[401],
      422: problemResponses[422],
      429: problemResponses[429],
    },
  });
}

export const archiveLeadsRoute = archiveRoute("leads", "archiveLeads");
export const archiveDealsRoute = archiveRoute("deals", "archiveDeals");
export const archiveTouchpointsRoute = archiveRoute("touchpoints", "archiveTouchpoints");

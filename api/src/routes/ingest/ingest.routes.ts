import { createRoute, z } from "@hono/zod-openapi";
import { jsonResponse, problemResponses } from "../../lib/schemas";
import {
  type batchComponents,
  csvProblemSchema,
  ingestQuerySchema,
  ingestResultSchema,
} from "./ingest.schemas";

const problem = { "application/problem+json": { schema: csvProblemSchema } };

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
    security: [{ apiKey: [] }],
    request: {
      query: ingestQuerySchema,
      body: {
        required: true,
        content: {
          "application/json": { schema: { $ref: `#/components/schemas/${component}` } },
          "text/csv": { schema: { type: "string" } },
        },
      },
    },
    responses: {
      200: jsonResponse(ingestResultSchema, "What changed (or would change, on a dry run)"),
      400: { description: "Not JSON or CSV", content: problem },
      401: problemResponses[401],
      413: { description: "Body over the size limit", content: problem },
      422: { description: "Invalid records; nothing was written", content: problem },
      429: { description: "Too many requests for this key", content: problem },
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
    kind: z.enum(["leads", "deals", "touchpoints"]),
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
      200: jsonResponse(archiveResultSchema, "How many were archived"),
      401: problemResponses[401],
      422: problemResponses[422],
      429: problemResponses[429],
    },
  });
}

export const archiveLeadsRoute = archiveRoute("leads", "archiveLeads");
export const archiveDealsRoute = archiveRoute("deals", "archiveDeals");
export const archiveTouchpointsRoute = archiveRoute("touchpoints", "archiveTouchpoints");

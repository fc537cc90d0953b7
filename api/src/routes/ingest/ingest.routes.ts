import { createRoute } from "@hono/zod-openapi";
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

import { createRoute, z } from "@hono/zod-openapi";
import { ingestKinds } from "@tandem/db/queries/ingest";
import { jsonResponse, problemResponses } from "../../lib/schemas";
import { csvProblemSchema, ingestQuerySchema, ingestResultSchema } from "../ingest/ingest.schemas";

const problem = { "application/problem+json": { schema: csvProblemSchema } };

export const importParamsSchema = z.object({
  kind: z.enum(ingestKinds).openapi({ param: { name: "kind", in: "path" } }),
});

export const importCsvRoute = createRoute({
  method: "post",
  path: "/imports/{kind}",
  tags: ["Ingest"],
  summary: "Import a CSV file of leads, deals or touchpoints (execs and owners)",
  description:
    "The web app's upload: the CSV text as the body (text/csv) or a multipart form with a `file` field. Same validation and upsert as the ingest API; `dryRun=true` reports what would change and every bad line without writing.",
  request: {
    params: importParamsSchema,
    query: ingestQuerySchema,
    body: {
      required: true,
      content: {
        "text/csv": { schema: { type: "string" } },
        "multipart/form-data": {
          schema: { type: "object", properties: { file: { type: "string", format: "binary" } } },
        },
      },
    },
  },
  responses: {
    200: jsonResponse(ingestResultSchema, "What changed (or would change, on a dry run)"),
    400: { description: "No CSV in the body", content: problem },
    401: problemResponses[401],
    403: problemResponses[403],
    413: { description: "File over the size limit", content: problem },
    422: { description: "Bad lines, with line numbers; nothing was written", content: problem },
  },
});

import { createRoute, z } from "@hono/zod-openapi";
import { dealStatuses } from "../../ingest/records";
import { jsonBody, jsonResponse, problemResponses } from "../../lib/schemas";

const stageSchema = z
  .object({
    name: z.string().openapi({ example: "Renewed" }),
    outcome: z.enum(dealStatuses),
    order: z.number().int(),
    needsReview: z.boolean().openapi({
      description: "First seen in an ingest with a guessed outcome that nobody has confirmed",
    }),
  })
  .openapi("DealStage");

export const dealStagesSchema = z.object({ stages: z.array(stageSchema) }).openapi("DealStages");

export const putDealStagesBody = z
  .strictObject({
    stages: z
      .array(
        z.strictObject({
          name: z.string().trim().min(1, "is required").max(255, "must be at most 255 characters"),
          outcome: z.enum(dealStatuses, { error: "must be open, won or lost" }),
          order: z.number().int().min(0).max(100_000),
        }),
      )
      .max(1000, "may hold at most 1000 stages"),
  })
  .openapi("PutDealStages");

const etagHeader = {
  ETag: {
    description: "The mapping's version; send it back in If-Match",
    schema: { type: "string" as const },
  },
};

export const getDealStagesRoute = createRoute({
  method: "get",
  path: "/deal-stages",
  tags: ["Deal stages"],
  operationId: "getDealStages",
  summary: "The CRM's deal stages and the outcome each counts as",
  security: [{ session: [] }],
  responses: {
    200: { ...jsonResponse(dealStagesSchema, "Every stage, in order"), headers: etagHeader },
    401: problemResponses[401],
    403: problemResponses[403],
  },
});

export const putDealStagesRoute = createRoute({
  method: "put",
  path: "/deal-stages",
  tags: ["Deal stages"],
  operationId: "putDealStages",
  summary:
    "Replace the stage mapping (exec+); stored deals take the new outcomes and the rollups are rebuilt in the same transaction",
  security: [{ session: [] }],
  request: {
    body: jsonBody(putDealStagesBody),
    headers: z.object({
      "if-match": z
        .string()
        .optional()
        .openapi({ description: "The ETag of the mapping last read" }),
    }),
  },
  responses: {
    200: { ...jsonResponse(dealStagesSchema, "The mapping as stored"), headers: etagHeader },
    401: problemResponses[401],
    403: problemResponses[403],
    412: {
      description: "The mapping changed since it was read",
      content: problemResponses[422].content,
    },
    422: problemResponses[422],
    428: { description: "If-Match missing", content: problemResponses[422].content },
  },
});

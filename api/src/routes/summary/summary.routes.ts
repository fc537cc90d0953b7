import { createRoute, z } from "@hono/zod-openapi";
import { idParamSchema, isoDateSchema, jsonResponse, problemResponses } from "../../lib/schemas";
import { summarySchema } from "../../summary/summary-schema";

export const getSummaryRoute = createRoute({
  method: "get",
  path: "/goals/{id}/summary",
  tags: ["Goals"],
  summary: "The one number: actual vs target, pace, projection, the gap by lever, key results",
  request: {
    params: idParamSchema,
    query: z.object({
      asOf: isoDateSchema.optional().openapi({
        description: "Default: today in the organization's timezone; capped to the period",
      }),
    }),
  },
  responses: {
    200: jsonResponse(summarySchema, "The goal's summary as of the day"),
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
    422: problemResponses[422],
  },
});

import { createRoute } from "@hono/zod-openapi";
import { idParamSchema, jsonResponse, problemResponses } from "../../lib/schemas";
import { attributionQuerySchema, attributionSchema } from "./attribution.schemas";

export const getAttributionRoute = createRoute({
  method: "get",
  path: "/goals/{id}/attribution",
  tags: ["Goals"],
  summary: "Won revenue of the goal's period by channel, under one attribution model or all",
  request: { params: idParamSchema, query: attributionQuerySchema },
  responses: {
    200: jsonResponse(
      attributionSchema,
      "Credits per channel in major units, summing to the total",
    ),
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
    422: problemResponses[422],
  },
});

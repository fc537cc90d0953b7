import { createRoute, z } from "@hono/zod-openapi";
import { forecastSchema } from "../../forecast/forecast-schema";
import { idParamSchema, isoDateSchema, jsonResponse, problemResponses } from "../../lib/schemas";

export const getForecastRoute = createRoute({
  method: "get",
  path: "/goals/{id}/forecast",
  tags: ["Goals"],
  summary:
    "Where the period will land given what both teams have in hand: booked + open pipeline + leads in hand + leads to come, with a range",
  description:
    "Every chance is learned from the organization's own facts of up to four earlier periods as of asOf: no fact dated after asOf is read, and a deal closed after asOf counts as open, so a past day's forecast is what it was that day. The parts sum to the total to the cent.",
  request: {
    params: idParamSchema,
    query: z.object({
      asOf: isoDateSchema.optional().openapi({
        description: "Default: today in the organization's timezone; capped to the period",
      }),
    }),
  },
  responses: {
    200: jsonResponse(forecastSchema, "The goal's forecast as of the day"),
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
    422: problemResponses[422],
  },
});

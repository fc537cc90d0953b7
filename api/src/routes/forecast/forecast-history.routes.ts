import { createRoute } from "@hono/zod-openapi";
import { forecastHistorySchema } from "../../forecast/forecast-history-schema";
import { idParamSchema, jsonResponse, problemResponses } from "../../lib/schemas";

export const getForecastHistoryRoute = createRoute({
  method: "get",
  path: "/goals/{id}/forecast/history",
  tags: ["Goals"],
  summary:
    "The forecast week by week with the teams' calls of the time; once the period is over, the accuracy of each",
  description:
    "Each point is the day's stored snapshot (the first request or change of that day writes it), or, when nobody asked that day, the forecast replayed from the rollups as of that day and stored (replayed: true). Accuracy is forecast / final actual; 85-115% counts as accurate.",
  request: { params: idParamSchema },
  responses: {
    200: jsonResponse(forecastHistorySchema, "The goal's forecast over time"),
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
  },
});

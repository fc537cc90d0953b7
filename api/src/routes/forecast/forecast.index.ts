import { createRouter } from "../../lib/router";
import { requireMember, requireUser } from "../../lib/tenant";
import { create as createCall, list as listCalls } from "./calls.handlers";
import { createCallRoute, listCallsRoute } from "./calls.routes";
import { forecast, forecastHistory } from "./forecast.handlers";
import { getForecastRoute } from "./forecast.routes";
import { getForecastHistoryRoute } from "./forecast-history.routes";

const router = createRouter();
router.use("/goals/:id/forecast", requireUser, requireMember);
router.use("/goals/:id/forecast/*", requireUser, requireMember);
router.use("/goals/:id/calls", requireUser, requireMember);

export const forecastRoutes = router
  .openapi(getForecastRoute, forecast)
  .openapi(getForecastHistoryRoute, forecastHistory)
  .openapi(listCallsRoute, listCalls)
  .openapi(createCallRoute, createCall);

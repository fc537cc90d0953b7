import { createRouter } from "../../lib/router";
import { requireMember, requireUser } from "../../lib/tenant";
import { forecast } from "./forecast.handlers";
import { getForecastRoute } from "./forecast.routes";

const router = createRouter();
router.use("/goals/:id/forecast", requireUser, requireMember);

export const forecastRoutes = router.openapi(getForecastRoute, forecast);

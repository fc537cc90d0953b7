import type { RouteHandler } from "@hono/zod-openapi";
import { findGoal } from "@tandem/db/queries/goals";
import { buildForecast } from "../../forecast/build-forecast";
import { buildForecastHistory } from "../../forecast/forecast-history";
import type { AppEnv } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import type { getForecastRoute } from "./forecast.routes";
import type { getForecastHistoryRoute } from "./forecast-history.routes";

export const forecast: RouteHandler<typeof getForecastRoute, AppEnv> = async (c) => {
  const { tenant, database } = c.var;
  const goal = await findGoal(database.db, tenant.orgId, c.req.valid("param").id);
  if (!goal) throw new ApiError("not_found", "No such goal in your organization");
  const result = await buildForecast(database.db, goal, {
    asOf: c.req.valid("query").asOf,
    timezone: tenant.organization.timezone,
  });
  return c.json(result, 200);
};

export const forecastHistory: RouteHandler<typeof getForecastHistoryRoute, AppEnv> = async (c) => {
  const { tenant, database } = c.var;
  const goal = await findGoal(database.db, tenant.orgId, c.req.valid("param").id);
  if (!goal) throw new ApiError("not_found", "No such goal in your organization");
  return c.json(await buildForecastHistory(database.db, goal, tenant.organization.timezone), 200);
};

import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../lib/context";
import { noSuchGoal } from "../../lib/goal-or-not-found";
import { jsonOnce } from "../../lib/json-once";
import type { getForecastRoute } from "./forecast.routes";
import type { getForecastHistoryRoute } from "./forecast-history.routes";

/**
 * From memory while no change notice came for the goal (lib/live/read-caches.ts), as text
 * serialized once per forecast (lib/json-once.ts).
 */
export const forecast: RouteHandler<typeof getForecastRoute, AppEnv> = async (c) => {
  const { tenant, live } = c.var;
  const result = await live.caches.forecast(tenant.orgId, c.req.valid("param").id, {
    asOf: c.req.valid("query").asOf,
    timezone: tenant.organization.timezone,
  });
  if (!result) throw noSuchGoal();
  return jsonOnce(c, result);
};

/** From memory too: a closed period's first look replays its weeks, later ones read none. */
export const forecastHistory: RouteHandler<typeof getForecastHistoryRoute, AppEnv> = async (c) => {
  const { tenant, live } = c.var;
  const result = await live.caches.forecastHistory(
    tenant.orgId,
    c.req.valid("param").id,
    tenant.organization.timezone,
  );
  if (!result) throw noSuchGoal();
  return jsonOnce(c, result);
};

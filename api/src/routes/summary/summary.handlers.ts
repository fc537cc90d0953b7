import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../lib/context";
import { noSuchGoal } from "../../lib/goal-or-not-found";
import { jsonOnce } from "../../lib/json-once";
import type { getSummaryRoute } from "./summary.routes";

/**
 * From memory while no change notice came for the goal (lib/live/read-caches.ts), as text
 * serialized once per summary (lib/json-once.ts).
 */
export const summary: RouteHandler<typeof getSummaryRoute, AppEnv> = async (c) => {
  const { tenant, live } = c.var;
  const result = await live.caches.summary(tenant.orgId, c.req.valid("param").id, {
    asOf: c.req.valid("query").asOf,
    timezone: tenant.organization.timezone,
  });
  if (!result) throw noSuchGoal();
  return jsonOnce(c, result);
};

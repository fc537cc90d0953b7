import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import type { getSummaryRoute } from "./summary.routes";

/** From memory while no change notice came for the goal (lib/live/read-caches.ts). */
export const summary: RouteHandler<typeof getSummaryRoute, AppEnv> = async (c) => {
  const { tenant, live } = c.var;
  const result = await live.caches.summary(tenant.orgId, c.req.valid("param").id, {
    asOf: c.req.valid("query").asOf,
    timezone: tenant.organization.timezone,
  });
  if (!result) throw new ApiError("not_found", "No such goal in your organization");
  return c.json(result, 200);
};

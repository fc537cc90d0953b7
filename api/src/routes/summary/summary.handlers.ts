import type { RouteHandler } from "@hono/zod-openapi";
import { findGoal } from "@tandem/db/queries/goals";
import type { AppEnv } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import { buildSummary } from "../../summary/build-summary";
import type { getSummaryRoute } from "./summary.routes";

export const summary: RouteHandler<typeof getSummaryRoute, AppEnv> = async (c) => {
  const { tenant, database } = c.var;
  const goal = await findGoal(database.db, tenant.orgId, c.req.valid("param").id);
  if (!goal) throw new ApiError("not_found", "No such goal in your organization");
  const result = await buildSummary(database.db, goal, {
    asOf: c.req.valid("query").asOf,
    timezone: tenant.organization.timezone,
  });
  return c.json(result, 200);
};

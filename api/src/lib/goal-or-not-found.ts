import { findGoal, type GoalRow } from "@tandem/db/queries/goals";
import type { Context } from "hono";
import type { AppEnv } from "./context";
import { ApiError } from "./errors";

/** The "no such goal" answer, the same for a goal of another organization as for none. */
export const noSuchGoal = () => new ApiError("not_found", "No such goal in your organization");

/** The caller's organization's goal, or 404: the lookup every goal-scoped route starts with. */
export async function goalOrNotFound(c: Context<AppEnv>, goalId: string): Promise<GoalRow> {
  const goal = await findGoal(c.var.database.db, c.var.tenant.orgId, goalId);
  if (!goal) throw noSuchGoal();
  return goal;
}

import { createRouter } from "../../lib/router";
import { requireMember, requireUser } from "../../lib/tenant";
import { create, createNext, get, list, patch } from "./goals.handlers";
import {
  createGoalRoute,
  createNextGoalRoute,
  getGoalRoute,
  listGoalsRoute,
  patchGoalRoute,
} from "./goals.routes";

const router = createRouter();
router.use("/goals", requireUser, requireMember);
router.use("/goals/*", requireUser, requireMember);

export const goalsRoutes = router
  .openapi(listGoalsRoute, list)
  .openapi(createGoalRoute, create)
  .openapi(getGoalRoute, get)
  .openapi(patchGoalRoute, patch)
  .openapi(createNextGoalRoute, createNext);

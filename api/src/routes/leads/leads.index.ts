import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../lib/context";
import { createRouter } from "../../lib/router";
import { assertRole, requireMember, requireUser } from "../../lib/tenant";
import { addFeedback, bulkFeedback, deleteFeedback, listFeedback } from "./leads.handlers";
import {
  addFeedbackRoute,
  bulkFeedbackRoute,
  deleteFeedbackRoute,
  listFeedbackRoute,
} from "./leads.routes";

const router = createRouter();
// Feedback routes only: reading leads back (routes/facts) also takes an API key.
router.use("/leads/feedback", requireUser, requireMember);
router.use("/leads/:externalId/feedback", requireUser, requireMember);
router.use("/lead-feedback/*", requireUser, requireMember);
// Reading the history is open to every member; giving feedback is not open to viewers.
router.use(
  "/leads/:externalId/feedback",
  createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method === "POST") assertRole(c.var.tenant.role, "member", "give feedback on leads");
    await next();
  }),
);

export const leadsRoutes = router
  .openapi(addFeedbackRoute, addFeedback)
  .openapi(listFeedbackRoute, listFeedback)
  .openapi(bulkFeedbackRoute, bulkFeedback)
  .openapi(deleteFeedbackRoute, deleteFeedback);

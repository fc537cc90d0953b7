import { createRouter } from "../../lib/router";
import { requireMember, requireUser } from "../../lib/tenant";
import { end, endOfMember, endOthers, list, listOfMember } from "./sessions.handlers";
import {
  endMemberSessionsRoute,
  endOtherSessionsRoute,
  endSessionRoute,
  listMemberSessionsRoute,
  listSessionsRoute,
} from "./sessions.routes";

const router = createRouter();
// One's own sessions need no organization: a person without one can still sign out elsewhere.
router.use("/sessions", requireUser);
router.use("/sessions/*", requireUser);
router.use("/members/:id/sessions", requireUser, requireMember);

export const sessionsRoutes = router
  .openapi(listSessionsRoute, list)
  .openapi(endSessionRoute, end)
  .openapi(endOtherSessionsRoute, endOthers)
  .openapi(listMemberSessionsRoute, listOfMember)
  .openapi(endMemberSessionsRoute, endOfMember);

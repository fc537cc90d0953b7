import { createRouter } from "../../lib/router";
import { atLeast, requireMember, requireUser } from "../../lib/tenant";
import { create, list, revoke, summary } from "./displays.handlers";
import {
  createDisplayRoute,
  displaySummaryRoute,
  listDisplaysRoute,
  revokeDisplayRoute,
} from "./displays.routes";

const router = createRouter();
const execs = atLeast("exec", "manage displays");
// Only the management paths need a session; /displays/{token}/summary and /stream take the
// token instead, and one-segment patterns never match those two-segment paths.
router.use("/displays", requireUser, requireMember, execs);
router.use("/displays/:id", requireUser, requireMember, execs);

export const displaysRoutes = router
  .openapi(createDisplayRoute, create)
  .openapi(listDisplaysRoute, list)
  .openapi(revokeDisplayRoute, revoke)
  .openapi(displaySummaryRoute, summary);

import { createRouter } from "../../lib/router";
import { requireMember, requireUser } from "../../lib/tenant";
import {
  deleteCheckInHandler,
  updateCheckInHandler,
  updateKeyResult,
} from "./corrections.handlers";
import { archived, checkIn, create, history, list } from "./key-results.handlers";
import {
  createCheckInRoute,
  createKeyResultRoute,
  deleteCheckInRoute,
  listArchivedKeyResultsRoute,
  listCheckInsRoute,
  listKeyResultsRoute,
  updateCheckInRoute,
  updateKeyResultRoute,
} from "./key-results.routes";

const router = createRouter();
router.use("/goals/:id/key-results", requireUser, requireMember);
router.use("/goals/:id/key-results/*", requireUser, requireMember);
router.use("/key-results/*", requireUser, requireMember);
router.use("/check-ins/*", requireUser, requireMember);

export const keyResultsRoutes = router
  .openapi(listKeyResultsRoute, list)
  .openapi(listArchivedKeyResultsRoute, archived)
  .openapi(createKeyResultRoute, create)
  .openapi(listCheckInsRoute, history)
  .openapi(createCheckInRoute, checkIn)
  .openapi(updateKeyResultRoute, updateKeyResult)
  .openapi(updateCheckInRoute, updateCheckInHandler)
  .openapi(deleteCheckInRoute, deleteCheckInHandler);

import { requireReader } from "../../lib/reader-auth";
import { createRouter } from "../../lib/router";
import {
  getDealHandler,
  getLeadHandler,
  getTouchpointHandler,
  listDealsHandler,
  listLeadsHandler,
  listTouchpointsHandler,
} from "./facts.handlers";
import {
  getDealRoute,
  getLeadRoute,
  getTouchpointRoute,
  listDealsRoute,
  listLeadsRoute,
  listTouchpointsRoute,
} from "./facts.routes";

const router = createRouter();
// Only the reading routes: /leads/:externalId/feedback keeps its own (session) guard.
for (const kind of ["leads", "deals", "touchpoints"]) {
  router.on("GET", [`/${kind}`, `/${kind}/:externalId`], requireReader);
}

export const factsRoutes = router
  .openapi(listLeadsRoute, listLeadsHandler)
  .openapi(getLeadRoute, getLeadHandler)
  .openapi(listDealsRoute, listDealsHandler)
  .openapi(getDealRoute, getDealHandler)
  .openapi(listTouchpointsRoute, listTouchpointsHandler)
  .openapi(getTouchpointRoute, getTouchpointHandler);

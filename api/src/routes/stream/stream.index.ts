import type { LiveHub } from "../../lib/live/hub";
import { createRouter } from "../../lib/router";
import { requireMember, requireUser } from "../../lib/tenant";
import { displayStream, goalStream } from "./stream.handlers";
import { displayStreamRoute, goalStreamRoute } from "./stream.routes";

/** Built per app: the streams belong to the app's live hub. */
export function createStreamRoutes(hub: LiveHub) {
  const router = createRouter();
  router.use("/goals/:id/stream", requireUser, requireMember);
  return router
    .openapi(goalStreamRoute, goalStream(hub))
    .openapi(displayStreamRoute, displayStream(hub));
}

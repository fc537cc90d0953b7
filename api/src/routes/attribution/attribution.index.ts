import { createRouter } from "../../lib/router";
import { requireMember, requireUser } from "../../lib/tenant";
import { attribution } from "./attribution.handlers";
import { getAttributionRoute } from "./attribution.routes";

const router = createRouter();
router.use("/goals/:id/attribution", requireUser, requireMember);

export const attributionRoutes = router.openapi(getAttributionRoute, attribution);

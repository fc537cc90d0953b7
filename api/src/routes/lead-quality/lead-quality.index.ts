import { createRouter } from "../../lib/router";
import { requireMember, requireUser } from "../../lib/tenant";
import { leadQuality } from "./lead-quality.handlers";
import { getLeadQualityRoute } from "./lead-quality.routes";

const router = createRouter();
router.use("/goals/:id/lead-quality", requireUser, requireMember);

export const leadQualityRoutes = router.openapi(getLeadQualityRoute, leadQuality);

import { createRouter } from "../../lib/router";
import { atLeast, requireMember, requireUser } from "../../lib/tenant";
import { getDealStages, putDealStages } from "./deal-stages.handlers";
import { getDealStagesRoute, putDealStagesRoute } from "./deal-stages.routes";

const router = createRouter();
router.use("/deal-stages", requireUser, requireMember);
// Execs and owners, as for imports: the mapping rewrites every team's figures.
router.on("PUT", "/deal-stages", atLeast("exec", "change the deal stages"));

export const dealStagesRoutes = router
  .openapi(getDealStagesRoute, getDealStages)
  .openapi(putDealStagesRoute, putDealStages);

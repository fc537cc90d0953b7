import { createRouter } from "../../lib/router";
import { requireMember, requireUser } from "../../lib/tenant";
import { summary } from "./summary.handlers";
import { getSummaryRoute } from "./summary.routes";

const router = createRouter();
router.use("/goals/:id/summary", requireUser, requireMember);

export const summaryRoutes = router.openapi(getSummaryRoute, summary);

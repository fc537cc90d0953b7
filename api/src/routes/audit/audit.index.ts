import { createRouter } from "../../lib/router";
import { requireMember, requireUser } from "../../lib/tenant";
import { list } from "./audit.handlers";
import { listAuditRoute } from "./audit.routes";

const router = createRouter();
router.use("/audit", requireUser, requireMember);

export const auditRoutes = router.openapi(listAuditRoute, list);

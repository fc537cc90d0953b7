import { createRouter } from "../../lib/router";
import { requireMember, requireUser } from "../../lib/tenant";
import { me } from "./me.handlers";
import { getMe } from "./me.routes";

const router = createRouter();
router.use("/me", requireUser, requireMember);

export const meRoutes = router.openapi(getMe, me);

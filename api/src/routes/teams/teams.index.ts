import { createRouter } from "../../lib/router";
import { requireMember, requireUser } from "../../lib/tenant";
import { create, list } from "./teams.handlers";
import { createTeamRoute, listTeamsRoute } from "./teams.routes";

const router = createRouter();
router.use("/teams", requireUser, requireMember);

export const teamsRoutes = router.openapi(listTeamsRoute, list).openapi(createTeamRoute, create);

import { createRouter } from "../../lib/router";
import { atLeast, requireMember, requireUser } from "../../lib/tenant";
import { create, list, revoke } from "./api-keys.handlers";
import { createApiKeyRoute, listApiKeysRoute, revokeApiKeyRoute } from "./api-keys.routes";

const router = createRouter();
const owners = atLeast("owner", "manage API keys");
router.use("/api-keys", requireUser, requireMember, owners);
router.use("/api-keys/*", requireUser, requireMember, owners);

export const apiKeysRoutes = router
  .openapi(createApiKeyRoute, create)
  .openapi(listApiKeysRoute, list)
  .openapi(revokeApiKeyRoute, revoke);

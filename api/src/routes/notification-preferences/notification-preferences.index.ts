import { createRouter } from "../../lib/router";
import { requireMember, requireUser } from "../../lib/tenant";
import { get, update } from "./notification-preferences.handlers";
import { getPreferencesRoute, updatePreferencesRoute } from "./notification-preferences.routes";

const router = createRouter();
// Each person's own: any member, viewers included, can mute what they receive.
router.use("/notification-preferences", requireUser, requireMember);

export const notificationPreferencesRoutes = router
  .openapi(getPreferencesRoute, get)
  .openapi(updatePreferencesRoute, update);

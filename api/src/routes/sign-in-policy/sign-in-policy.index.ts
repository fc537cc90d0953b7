import { createRouter } from "../../lib/router";
import { atLeast, requireMember, requireUser } from "../../lib/tenant";
import { get, put } from "./sign-in-policy.handlers";
import { getSignInPolicyRoute, putSignInPolicyRoute } from "./sign-in-policy.routes";

const router = createRouter();
router.use(
  "/sign-in-policy",
  requireUser,
  requireMember,
  atLeast("owner", "set how people sign in"),
);

export const signInPolicyRoutes = router
  .openapi(getSignInPolicyRoute, get)
  .openapi(putSignInPolicyRoute, put);

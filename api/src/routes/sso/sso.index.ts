import { findSsoByDomain } from "@tandem/db/queries/sso";
import { createRouter } from "../../lib/router";
import { domainOf, inDomains } from "../../lib/sso";
import { providerIdOf } from "../../lib/sso-providers";
import { atLeast, requireMember, requireUser } from "../../lib/tenant";
import { get, put, test } from "./sso.handlers";
import { getSsoRoute, putSsoRoute, signOnRoute, testSsoRoute } from "./sso.routes";

const router = createRouter();
router.use("/sso", requireUser, requireMember, atLeast("owner", "set up single sign-on"));
router.use("/sso/*", requireUser, requireMember, atLeast("owner", "set up single sign-on"));

export const ssoRoutes = router
  .openapi(getSsoRoute, get)
  .openapi(putSsoRoute, put)
  .openapi(testSsoRoute, test);

/**
 * Public, for the sign-in screen: the provider of an email's domain. It tells which domains
 * sign in with which provider name, as any "Continue with SSO" screen does; nothing of anyone.
 */
export const signOnRoutes = createRouter().openapi(signOnRoute, async (c) => {
  const { email } = c.req.valid("query");
  const oidc = c.var.environmentSignOn;
  if (oidc && inDomains(oidc, email)) {
    return c.json({ provider: { id: oidc.providerId, name: oidc.name } }, 200);
  }
  const found = email.includes("@")
    ? await findSsoByDomain(c.var.database.db, domainOf(email))
    : null;
  return c.json(
    { provider: found ? { id: providerIdOf(found.orgId), name: found.displayName } : null },
    200,
  );
});

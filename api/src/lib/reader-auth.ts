import { createMiddleware } from "hono/factory";
import { authenticateApiKey, withHeaders } from "./api-key-auth";
import type { AppEnv } from "./context";
import { requireMember, requireUser } from "./tenant";

/**
 * Reading facts back is open to an integrator's API key (the system that sent them reconciles
 * with its CRM) and to every member by session. A request with an Authorization header is an
 * API key request and nothing else: a bad key is refused, never retried as a session.
 */
export const requireReader = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.header("authorization") !== undefined) {
    const { caller, headers } = await authenticateApiKey(
      c.var.database.db,
      c.req.header("authorization"),
    );
    c.set("reader", { orgId: caller.orgId, currency: caller.currency, timezone: caller.timezone });
    return withHeaders(c, headers, next);
  }
  await requireUser(c, async () => {
    await requireMember(c, async () => {
      const { orgId, organization } = c.var.tenant;
      c.set("reader", {
        orgId,
        currency: organization.currency,
        timezone: organization.timezone,
      });
      await next();
    });
  });
});

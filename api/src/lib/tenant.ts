import type { Role } from "@tandem/db/queries/members";
import { roles } from "@tandem/db/queries/members";
import { createMiddleware } from "hono/factory";
import { forwardAuthCookies } from "./auth-request";
import type { AppEnv } from "./context";
import { ApiError } from "./errors";

/** Resolves the signed-in user from the session cookie; 401 without one. */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  // Routers mounted on the same prefix may each apply this; resolve the session once.
  if (c.get("session")) return next();
  // The session's signed copy in its cookie (better-auth's cookie cache) spares a database
  // round trip per request; a session ended anywhere is refused at once by the hub's notice,
  // and while notices may be missed the database is asked (decision 046).
  const { caches } = c.var.live;
  const trusted = await caches.trusted();
  const cookie = trusted ? c.req.header("cookie") : undefined;
  let session = cookie ? caches.sessions.get(cookie) : undefined;
  if (!session) {
    const { headers, response } = await c.var.auth.api.getSession({
      headers: c.req.raw.headers,
      query: trusted ? {} : { disableCookieCache: true },
      returnHeaders: true,
    });
    if (!response) throw new ApiError("unauthorized", "Sign in to use this route");
    forwardAuthCookies(c, headers);
    session = {
      sessionId: response.session.id,
      userId: response.user.id,
      email: response.user.email,
      name: response.user.name,
      activeOrganizationId: response.session.activeOrganizationId ?? null,
      twoFactorEnabled: response.user.twoFactorEnabled === true,
    };
    // Read from the cookie's copy with nothing to renew: the same header means the same
    // session until that copy expires (decision 047).
    if (cookie && headers.getSetCookie().length === 0) {
      caches.sessions.remember(cookie, session, new Date(response.session.expiresAt));
    }
  }
  if (caches.sessionEnded(session.sessionId)) {
    throw new ApiError("unauthorized", "Sign in to use this route");
  }
  c.set("session", session);
  await next();
});

/**
 * Every /api/v1 request acts in the session's active organization: the membership found
 * here is the only source of orgId for queries, so no route can reach another tenant.
 */
export const requireMember = createMiddleware<AppEnv>(async (c, next) => {
  if (c.get("tenant")) return next();
  const session = c.get("session");
  if (!session) throw new ApiError("unauthorized", "Sign in to use this route");
  if (!session.activeOrganizationId) {
    throw new ApiError(
      "forbidden",
      "Create or choose an organization first (POST /api/v1/organizations)",
    );
  }
  const membership = await c.var.live.caches.membership(
    session.activeOrganizationId,
    session.userId,
  );
  if (!membership)
    throw new ApiError("forbidden", "You are not a member of the active organization");
  // /me stays open: it is how the app learns to send the person to enrol.
  if (membership.requireTwoFactor && !session.twoFactorEnabled && c.req.path !== "/api/v1/me") {
    throw new ApiError(
      "forbidden",
      "Your organization requires two-factor sign-in: set it up in Settings under Two-factor sign-in first",
    );
  }
  c.set("tenant", { ...membership, orgId: membership.organization.id, userId: session.userId });
  await next();
});

const rank = (role: Role) => roles.indexOf(role);

/** Throws 403 unless the caller's role is at least `minimum`. */
export function assertRole(actual: Role, minimum: Role, action: string): void {
  if (rank(actual) < rank(minimum)) {
    throw new ApiError(
      "forbidden",
      `Only ${minimum}s and above can ${action}; you are ${actual === "exec" ? "an" : "a"} ${actual}`,
    );
  }
}

export const atLeast = (minimum: Role, action: string) =>
  createMiddleware<AppEnv>(async (c, next) => {
    assertRole(c.var.tenant.role, minimum, action);
    await next();
  });

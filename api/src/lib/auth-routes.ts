import type { Context } from "hono";
import type { AppEnv } from "./context";
import { ApiError, problemResponse } from "./errors";

/**
 * The auth library's HTTP routes Tandem uses; every other one answers 404. Its organization,
 * member, invitation and account routes would skip our validation, role checks, invariants
 * and audit log (an organization in "Mars/Olympus", the last owner demoted), and a library
 * upgrade adds routes we never reviewed, so this is a list of what is allowed, not of what
 * is refused. Our own routes call the library in-process (auth.api), which this does not gate.
 */
export const allowedAuthRoutes: ReadonlyArray<readonly [method: string, path: string]> = [
  ["POST", "/api/auth/sign-up/email"],
  ["POST", "/api/auth/sign-in/email"],
  ["POST", "/api/auth/sign-out"],
  ["GET", "/api/auth/get-session"],
  // Password reset by email (the link opens our /reset-password screen with the token).
  ["POST", "/api/auth/request-password-reset"],
  ["POST", "/api/auth/reset-password"],
  // Two-factor: enrol (password, then a first code), the second step of sign-in by code or
  // recovery code, new recovery codes, and turning it off (password).
  ["POST", "/api/auth/two-factor/enable"],
  ["POST", "/api/auth/two-factor/verify-totp"],
  ["POST", "/api/auth/two-factor/verify-backup-code"],
  ["POST", "/api/auth/two-factor/generate-backup-codes"],
  ["POST", "/api/auth/two-factor/disable"],
  // Single sign-on: start at the provider, come back with its code.
  ["POST", "/api/auth/sign-in/social"],
  ["GET", "/api/auth/callback/oidc"],
  // Read-only: the organizations the caller belongs to, for the switcher.
  ["GET", "/api/auth/organization/list"],
];

/** An organization's provider comes back to /api/auth/callback/sso-<organization id>. */
const ORGANIZATION_CALLBACK = /^\/api\/auth\/callback\/sso-[A-Za-z0-9_-]{1,64}$/;

export function isAllowedAuthRoute(method: string, path: string): boolean {
  if (method === "GET" && ORGANIZATION_CALLBACK.test(path)) return true;
  return allowedAuthRoutes.some(([m, p]) => m === method && p === path);
}

export function refuseAuthRoute(c: Context<AppEnv>): Response {
  return problemResponse(
    c,
    new ApiError("not_found", `No route for ${c.req.method} ${c.req.path}`),
  );
}

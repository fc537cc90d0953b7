import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { type AddressConfig, publicOrigin } from "./addresses";
import { ApiError } from "./errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Why a request would be a cross-site forgery, or null when it is fine. Browsers send Origin
 * on every unsafe request, whatever the body type, so the check covers JSON and CSV bodies as
 * well as forms. A request carrying an Authorization header is a script with a key: a page on
 * another site cannot add that header without a CORS preflight, which Tandem never answers.
 */
export function originRefusal(
  request: { method: string; origin?: string; cookie?: string; authorization?: string },
  allowed: string,
): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  if (request.authorization) return null;
  const origin = request.origin;
  if (origin === undefined || origin === "") {
    if (!request.cookie) return null;
    return `This request carries a sign-in cookie but no Origin header, so Tandem cannot tell it came from its own pages (served at ${allowed}). Scripts should use an API key instead of a cookie.`;
  }
  if (origin === allowed) return null;
  const from = origin === "null" ? "a page with no origin (a file or sandboxed frame)" : origin;
  return `This request came from ${from}, which is not where Tandem is served (${allowed}). Open Tandem at ${allowed}; behind a proxy, set TANDEM_PUBLIC_URL or TANDEM_TRUST_PROXY.`;
}

/** The origin check for cookie requests (CSRF), ahead of every /api route and the auth library. */
export function originGuard(config: AddressConfig) {
  return createMiddleware(async (c: Context, next) => {
    const refusal = originRefusal(
      {
        method: c.req.method,
        origin: c.req.header("origin"),
        cookie: c.req.header("cookie"),
        authorization: c.req.header("authorization"),
      },
      publicOrigin(c, config),
    );
    if (refusal) throw new ApiError("forbidden", refusal);
    await next();
  });
}

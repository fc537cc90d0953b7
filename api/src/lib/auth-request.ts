import type { Context } from "hono";
import { type AddressConfig, clientAddress, publicOrigin } from "./addresses";
import { CLIENT_ADDRESS_HEADER, TRUSTED_ORIGIN_HEADER } from "./auth";

/**
 * The request as the auth library gets it: the client's own copies of our headers dropped,
 * ours set from what the app believes (the origin guard has already run).
 */
export function authRequest(c: Context, config: AddressConfig): Request {
  const headers = new Headers(c.req.raw.headers);
  headers.set(TRUSTED_ORIGIN_HEADER, publicOrigin(c, config));
  headers.set(CLIENT_ADDRESS_HEADER, clientAddress(c, config));
  const url = new URL(c.req.url);
  if (url.pathname === "/api/auth/get-session") {
    // A page asks who is signed in once per load: from the database, so a session ended on
    // another device shows signed out at once, whatever its cached cookie still says.
    url.searchParams.set("disableCookieCache", "true");
    return new Request(url, { method: c.req.method, headers });
  }
  return new Request(c.req.raw, { headers });
}

/**
 * Passes the cookies the auth library set on an internal call (a session's cached copy after
 * a change of active organization, a refreshed one) on to the client, so the cookie cache
 * never answers with a session older than the change.
 */
export function forwardAuthCookies(c: Context, headers: Headers): void {
  for (const cookie of headers.getSetCookie()) c.header("set-cookie", cookie, { append: true });
}

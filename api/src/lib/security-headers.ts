import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "./context";

/**
 * Hono's secure headers plus a Content-Security-Policy: scripts, styles, data and frames
 * only from our own origin and nothing inline, so injected markup cannot run (the web app's
 * theme script is a file for that reason; React's `style` props go through the CSSOM, which
 * style-src does not govern). `data:` images are for inline SVG icons (the API reference uses them).
 */
export const securityHeaders: MiddlewareHandler<AppEnv> = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xFrameOptions: "DENY",
  permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
});

/**
 * API answers are one caller's data, and some carry one-time secrets (a new API key, a
 * display token, an invitation link): no cache, shared or private, may keep them. A route
 * that chose its own policy keeps it.
 */
export const noStoreApi: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
};

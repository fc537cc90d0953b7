import { createHash, randomBytes } from "node:crypto";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Database } from "@tandem/db";
import { findActiveApiKey, touchApiKey } from "@tandem/db/queries/api-keys";
import type { Context, Env } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppVariables } from "./context";
import { ApiError } from "./errors";
import { validationHook } from "./validation";

/**
 * Token format: `tdm_<orgId>_<secret>`, the secret being 32 random bytes in base64url (43
 * characters, which may themselves hold "_", so the secret is read from the end). The org id
 * in the token keeps the lookup inside one tenant; only the secret's SHA-256 is stored. A fast
 * hash is enough for 256 random bits: there is nothing to brute-force.
 */
const TOKEN_PREFIX = "tdm_";
const SECRET_LENGTH = 43;
/** Characters of the secret shown in lists, enough to tell keys apart, far too few to guess. */
const VISIBLE_SECRET = 6;

export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

export function newApiKeyToken(orgId: string): {
  token: string;
  prefix: string;
  secretHash: string;
} {
  const secret = randomBytes(32).toString("base64url");
  const token = `${TOKEN_PREFIX}${orgId}_${secret}`;
  return {
    token,
    prefix: `${TOKEN_PREFIX}${orgId}_${secret.slice(0, VISIBLE_SECRET)}`,
    secretHash: hashSecret(secret),
  };
}

export function parseApiKeyToken(token: string): { orgId: string; secret: string } | null {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const separator = token.length - SECRET_LENGTH - 1;
  if (separator <= TOKEN_PREFIX.length || token[separator] !== "_") return null;
  const orgId = token.slice(TOKEN_PREFIX.length, separator);
  const secret = token.slice(separator + 1);
  if (!/^[A-Za-z0-9_-]+$/.test(secret) || !/^[A-Za-z0-9_-]+$/.test(orgId)) return null;
  return { orgId, secret };
}

/** A system calling with an API key: the organization it writes into, nothing more. */
export interface KeyCaller {
  keyId: string;
  orgId: string;
  currency: string;
  timezone: string;
}

export interface IngestEnv {
  Variables: AppVariables & { keyCaller: KeyCaller };
}

/** A router whose routes take API keys; the same validation hook as every other router. */
export function createKeyRouter() {
  return new OpenAPIHono<IngestEnv>({ strict: false, defaultHook: validationHook });
}

/**
 * A fixed one-minute window per key, per API process. Coarse, but it stops a runaway
 * integration from starving everyone else without shared state between processes.
 */
export class KeyRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Counts one request: how many are left in the window, the seconds until it resets, and the
   * seconds to wait (0 when the request may go ahead).
   */
  take(keyId: string): { wait: number; remaining: number; reset: number } {
    const now = this.now();
    let window = this.windows.get(keyId);
    if (!window || now - window.start >= 60_000) {
      // Dropping stale windows now and then keeps the map as small as the set of active keys.
      if (this.windows.size > 10_000) this.windows.clear();
      window = { start: now, count: 0 };
      this.windows.set(keyId, window);
    }
    window.count += 1;
    const reset = Math.max(1, Math.ceil((window.start + 60_000 - now) / 1000));
    const remaining = Math.max(0, this.perMinute - window.count);
    return { wait: window.count <= this.perMinute ? 0 : reset, remaining, reset };
  }
}

export const INGEST_REQUESTS_PER_MINUTE = 600;
const limiter = new KeyRateLimiter(INGEST_REQUESTS_PER_MINUTE);

const unauthorized = (detail: string) =>
  new ApiError("unauthorized", detail, {
    headers: { "www-authenticate": 'Bearer realm="tandem-ingest"' },
  });

/** The rate-limit fields of the IETF draft (RateLimit-Limit/-Remaining/-Reset), on every answer. */
function rateLimitHeaders(state: { remaining: number; reset: number }): Record<string, string> {
  return {
    "ratelimit-limit": String(INGEST_REQUESTS_PER_MINUTE),
    "ratelimit-remaining": String(state.remaining),
    "ratelimit-reset": String(state.reset),
  };
}

/**
 * Checks `Authorization: Bearer <api key>` against the database on every request, so a revoked
 * key stops working at once, and counts the request against the key's rate limit. Returns the
 * caller and the rate-limit headers its answer carries.
 */
export async function authenticateApiKey(
  db: Database["db"],
  authorization: string | undefined,
): Promise<{ caller: KeyCaller; headers: Record<string, string> }> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match?.[1]) throw unauthorized("Send an API key as Authorization: Bearer <key>");
  const parsed = parseApiKeyToken(match[1]);
  if (!parsed) throw unauthorized("The API key is malformed");
  const key = await findActiveApiKey(db, parsed.orgId, hashSecret(parsed.secret));
  if (!key) throw unauthorized("The API key is unknown or revoked");
  if (key.scope !== "ingest") throw new ApiError("forbidden", "This API key may not ingest");
  const state = limiter.take(key.id);
  const headers = rateLimitHeaders(state);
  if (state.wait > 0) {
    throw new ApiError(
      "rate_limited",
      `Over ${INGEST_REQUESTS_PER_MINUTE} requests a minute for this key`,
      { headers: { ...headers, "retry-after": String(state.wait) } },
    );
  }
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
    await touchApiKey(db, parsed.orgId, key.id);
  }
  return {
    caller: { keyId: key.id, orgId: parsed.orgId, currency: key.currency, timezone: key.timezone },
    headers,
  };
}

/** Sets headers on the answer, whether the handler returned or threw (onError builds that one). */
export async function withHeaders<E extends Env>(
  c: Context<E>,
  headers: Record<string, string>,
  next: () => Promise<void>,
): Promise<void> {
  try {
    await next();
  } finally {
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  }
}

/**
 * Accepts `Authorization: Bearer <api key>` and nothing else: a session cookie does not open
 * ingest, and a key opens nothing but the routes this middleware guards.
 */
export const requireApiKey = createMiddleware<IngestEnv>(async (c, next) => {
  const { caller, headers } = await authenticateApiKey(
    c.var.database.db,
    c.req.header("authorization"),
  );
  c.set("keyCaller", caller);
  await withHeaders(c, headers, next);
});

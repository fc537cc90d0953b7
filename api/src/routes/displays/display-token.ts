import { createHash, randomBytes } from "node:crypto";

const PREFIX = "dsp_";
/** 32 random bytes in base64url, without padding. */
const SECRET_LENGTH = 43;
const TOKEN_PATTERN = new RegExp(
  `^${PREFIX}([A-Za-z0-9_-]{1,64})_([A-Za-z0-9_-]{${SECRET_LENGTH}})$`,
);

/**
 * A new display token. It embeds the organization id so a lookup is one probe of the
 * (org_id, token_hash) index, the same on one node or on a cluster distributed by org_id.
 */
export function newDisplayToken(orgId: string): string {
  return `${PREFIX}${orgId}_${randomBytes(32).toString("base64url")}`;
}

/** Only this is stored: a leaked database gives no working screen link. */
export function hashDisplayToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The organization a token claims to belong to, or null when it is not shaped like a token. */
export function parseDisplayToken(token: string): { orgId: string } | null {
  const match = TOKEN_PATTERN.exec(token);
  const orgId = match?.[1];
  return orgId ? { orgId } : null;
}

/** Replaces display tokens in a path, so request logs never hold a working screen link. */
export function redactDisplayTokens(path: string): string {
  return path.replace(/dsp_[A-Za-z0-9_-]+/g, "dsp_[redacted]");
}

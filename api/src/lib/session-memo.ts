import type { SessionInfo } from "./context";

/**
 * Sessions already read from their signed cookie copy (better-auth's cookie cache), by the
 * request's whole Cookie header: the same header answers the same session until the copy
 * expires, so the library's HMAC check, its endpoint context and its parsing are paid once per
 * cookie instead of once per request (decision 047). Ended sessions are still refused by the
 * caller on every request (`sessionEnded`), and the memo is only consulted while the cookie
 * cache itself is believed.
 */
export interface SessionMemo {
  get(cookieHeader: string): SessionInfo | undefined;
  /** Keeps a session read from the cookie cache until that cookie's copy expires. */
  remember(cookieHeader: string, session: SessionInfo, sessionExpiresAt: Date): void;
  clear(): void;
}

interface Entry {
  session: SessionInfo;
  until: number;
}

/** Its cookie's name ends with this (a `__Secure-` prefix may stand before it). */
const SESSION_DATA_COOKIE = "better-auth.session_data";

/**
 * When the cookie copy in this header stops being believed: the `expiresAt` the library
 * signed into it (its compact encoding is base64url JSON). Undefined when the header has no
 * such copy, or one split over several cookies, or in another encoding: then nothing is kept.
 */
export function cookieCopyExpiresAt(cookieHeader: string): number | undefined {
  for (const pair of cookieHeader.split(";")) {
    const at = pair.indexOf("=");
    if (at < 0 || !pair.slice(0, at).trim().endsWith(SESSION_DATA_COOKIE)) continue;
    try {
      const payload: unknown = JSON.parse(
        Buffer.from(decodeURIComponent(pair.slice(at + 1).trim()), "base64url").toString("utf8"),
      );
      const expiresAt = (payload as { expiresAt?: unknown } | null)?.expiresAt;
      return typeof expiresAt === "number" && Number.isFinite(expiresAt) ? expiresAt : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function createSessionMemo(options: { maxEntries?: number } = {}): SessionMemo {
  const maxEntries = options.maxEntries ?? 10_000;
  /** Insertion order is age: the first entries go first when full. */
  const entries = new Map<string, Entry>();

  return {
    get(cookieHeader) {
      const entry = entries.get(cookieHeader);
      if (!entry) return undefined;
      if (entry.until > Date.now()) return entry.session;
      entries.delete(cookieHeader);
      return undefined;
    },

    remember(cookieHeader, session, sessionExpiresAt) {
      const copyUntil = cookieCopyExpiresAt(cookieHeader);
      if (copyUntil === undefined) return;
      const until = Math.min(copyUntil, sessionExpiresAt.getTime());
      if (until <= Date.now()) return;
      entries.delete(cookieHeader);
      entries.set(cookieHeader, { session, until });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
    },

    clear: () => entries.clear(),
  };
}

import { describe, expect, it } from "vitest";
import type { SessionInfo } from "./context";
import { cookieCopyExpiresAt, createSessionMemo } from "./session-memo";

const session: SessionInfo = {
  sessionId: "s1",
  userId: "u1",
  email: "a@example.com",
  name: "A",
  activeOrganizationId: "org_1",
  twoFactorEnabled: false,
};

/** A Cookie header as a browser sends it: the token and the library's compact signed copy. */
function cookieHeader(copyExpiresAt: number): string {
  const copy = Buffer.from(
    JSON.stringify({ session: { token: "t" }, expiresAt: copyExpiresAt, signature: "sig" }),
  ).toString("base64url");
  return `theme=dark; better-auth.session_token=t.sig; better-auth.session_data=${copy}`;
}

const later = (ms: number) => new Date(Date.now() + ms);

describe("session memo", () => {
  it("reads when the cookie's copy expires, and nothing from a header without one", () => {
    const at = Date.now() + 30_000;
    expect(cookieCopyExpiresAt(cookieHeader(at))).toBe(at);
    expect(cookieCopyExpiresAt(`__Secure-${cookieHeader(at).split("; ")[2]}`)).toBe(at);
    expect(cookieCopyExpiresAt("better-auth.session_token=t.sig")).toBeUndefined();
    expect(cookieCopyExpiresAt("better-auth.session_data=%%%not-base64")).toBeUndefined();
  });

  it("answers the same header with the same session until the copy or the session expires", () => {
    const memo = createSessionMemo();
    const header = cookieHeader(Date.now() + 30_000);
    memo.remember(header, session, later(3_600_000));
    expect(memo.get(header)).toEqual(session);
    expect(memo.get(`${header}; other=1`)).toBeUndefined();

    const expiredCopy = cookieHeader(Date.now() - 1);
    memo.remember(expiredCopy, session, later(3_600_000));
    expect(memo.get(expiredCopy)).toBeUndefined();

    const endedSession = cookieHeader(Date.now() + 30_000).replace("theme", "x");
    memo.remember(endedSession, session, later(-1));
    expect(memo.get(endedSession)).toBeUndefined();

    memo.clear();
    expect(memo.get(header)).toBeUndefined();
  });

  it("keeps at most its number of entries, the oldest going first", () => {
    const memo = createSessionMemo({ maxEntries: 2 });
    const headers = [1, 2, 3].map((i) => `${cookieHeader(Date.now() + 30_000)}; n=${i}`);
    for (const header of headers) memo.remember(header, session, later(3_600_000));
    expect(headers.map((header) => memo.get(header) !== undefined)).toEqual([false, true, true]);
  });
});

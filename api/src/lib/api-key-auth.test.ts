import { describe, expect, it } from "vitest";
import { hashSecret, KeyRateLimiter, newApiKeyToken, parseApiKeyToken } from "./api-key-auth";

describe("API key tokens", () => {
  it("round-trips the org id and secret, even with underscores in either", () => {
    for (let i = 0; i < 50; i++) {
      const { token, secretHash, prefix } = newApiKeyToken("org_with_under_scores");
      const parsed = parseApiKeyToken(token);
      expect(parsed?.orgId).toBe("org_with_under_scores");
      expect(hashSecret(parsed?.secret ?? "")).toBe(secretHash);
      expect(token.startsWith(prefix)).toBe(true);
    }
  });

  it("rejects anything else", () => {
    for (const token of [
      "",
      "tdm_",
      `tdm__${"a".repeat(43)}`,
      `xyz_org_${"a".repeat(43)}`,
      `tdm_org_${"a".repeat(42)}!`,
    ]) {
      expect(parseApiKeyToken(token), token).toBeNull();
    }
  });
});

describe("KeyRateLimiter", () => {
  it("allows a number of requests a minute per key, then says how long to wait", () => {
    let now = 1_000_000;
    const limiter = new KeyRateLimiter(3, () => now);
    expect([1, 2, 3].map(() => limiter.take("a").wait)).toEqual([0, 0, 0]);
    expect(limiter.take("b").wait).toBe(0);
    now += 15_000;
    expect(limiter.take("a")).toEqual({ wait: 45, remaining: 0, reset: 45 });
    now += 45_000;
    expect(limiter.take("a")).toMatchObject({ wait: 0, remaining: 2 });
  });
});

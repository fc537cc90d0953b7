import { serve } from "@hono/node-server";
import { signInAttempts } from "@tandem/db/queries/sign-in-limits";
import { describeEachEngine } from "@tandem/db/testing";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { createTestApp, readProblem, signUp } from "../testing/test-app";
import type { AddressConfig } from "./addresses";
import { SIGN_IN_LIMITS } from "./sign-in-limit";

const PASSWORD = "correct-horse-battery";
const MAX = SIGN_IN_LIMITS.accountAddress.max;

// Each wrong password costs a real password hash; on a shared machine that takes time.
vi.setConfig({ testTimeout: 120_000 });

describeEachEngine("sign-in limits over a real socket", (db, kind) => {
  const servers: { origin: string; close: () => Promise<void> }[] = [];

  /** The app listening on 127.0.0.1, so the client address comes from a real socket. */
  async function listen(addresses: AddressConfig) {
    const { app } = createTestApp(db(), { addresses });
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((done) => server.once("listening", () => done()));
    const bound = server.address();
    const origin = `http://127.0.0.1:${typeof bound === "object" && bound ? bound.port : 0}`;
    const close = () => new Promise<void>((done) => server.close(() => done()));
    servers.push({ origin, close });
    return { app, origin };
  }
  let plain: Awaited<ReturnType<typeof listen>>;
  let proxied: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    plain = await listen({ trustProxy: false });
    proxied = await listen({ trustProxy: 1 });
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  const signIn = (origin: string, email: string, password: string, forwardedFor?: string) =>
    fetch(`${origin}/api/auth/sign-in/email`, {
      method: "POST",
      headers: {
        origin,
        "content-type": "application/json",
        ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
      },
      body: JSON.stringify({ email, password }),
    });

  it("does not let a rotating X-Forwarded-For buy more guesses without a trusted proxy", async () => {
    const victim = await signUp(plain.app);
    for (let i = 0; i < MAX; i++) {
      const response = await signIn(
        plain.origin,
        victim.email,
        "wrong-password",
        `198.51.100.${i}`,
      );
      expect(response.status).toBe(401);
    }
    const locked = await signIn(plain.origin, victim.email, PASSWORD, "198.51.100.200");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(locked.headers.get("content-type")).toBe("application/problem+json");
    const problem = await readProblem(locked);
    expect(problem.code).toBe("rate_limited");
    expect(problem.detail).toMatch(
      /^Too many wrong passwords for this account from this address\. Try again in \d+ minutes?\.$/,
    );
    expect(locked.headers.getSetCookie()).toEqual([]);

    // Another person at the same address is not locked out by someone else's guesses.
    const colleague = await signUp(plain.app);
    expect((await signIn(plain.origin, colleague.email, PASSWORD)).status).toBe(200);
  });

  it("believes the forwarded address with TANDEM_TRUST_PROXY=1, one pair at a time", async () => {
    const person = await signUp(proxied.app);
    for (let i = 0; i < MAX; i++) {
      const response = await signIn(proxied.origin, person.email, "wrong", "203.0.113.9");
      expect(response.status).toBe(401);
    }
    expect((await signIn(proxied.origin, person.email, PASSWORD, "203.0.113.9")).status).toBe(429);
    // The same account from another (believed) address still signs in.
    expect((await signIn(proxied.origin, person.email, PASSWORD, "203.0.113.10")).status).toBe(200);
    expect(
      await signInAttempts(db().db, "account_address", `${person.email}|203.0.113.9`),
    ).toBeGreaterThan(MAX);
  });

  it("forgets the wrong passwords once the right one is given", async () => {
    const person = await signUp(plain.app);
    const key = `${person.email}|127.0.0.1`;
    for (let i = 0; i < MAX - 1; i++) {
      expect((await signIn(plain.origin, person.email, "wrong")).status).toBe(401);
    }
    expect(await signInAttempts(db().db, "account_address", key)).toBe(MAX - 1);
    expect((await signIn(plain.origin, person.email, PASSWORD)).status).toBe(200);
    expect(await signInAttempts(db().db, "account_address", key)).toBe(0);
  });

  it(`checks exactly ${MAX} of many concurrent wrong passwords [${kind}]`, async () => {
    const person = await signUp(proxied.app);
    const tries = 3 * MAX;
    const statuses = await Promise.all(
      Array.from({ length: tries }, () =>
        signIn(proxied.origin, person.email, "wrong", "192.0.2.44").then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(MAX);
    expect(statuses.filter((s) => s === 429)).toHaveLength(tries - MAX);
  });
});

import { z } from "@hono/zod-openapi";
import { expect } from "vitest";
import { mergeCookies, signInAtProvider } from "./oidc-provider";
import { type Caller, call, readAs, TEST_ORIGIN, type TestApp } from "./test-app";

const started = z.object({ url: z.string() });

/** Start at Tandem, sign in at the provider, and come back: where the provider sends us. */
export async function beginSignOn(app: TestApp, accountId: string, provider = "oidc") {
  const start = await call(app, "POST", "/api/auth/sign-in/social", {
    body: { provider, callbackURL: "/", errorCallbackURL: "/sign-in" },
  });
  expect(start.status).toBe(200);
  const { url } = await readAs(start, started);
  const back = await signInAtProvider(url, accountId);
  return { back: back.slice(TEST_ORIGIN.length), cookie: mergeCookies("", start) };
}

/** The callback's answer: where it sends the browser, and the session cookie if any. */
export async function finishSignOn(app: TestApp, flow: { back: string; cookie: string }) {
  const callback = await call(app, "GET", flow.back, { headers: { cookie: flow.cookie } });
  expect(callback.status).toBe(302);
  const cookie = callback.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .filter((c) => c.includes("session_token=") && !c.endsWith("="))
    .join("; ");
  return { location: callback.headers.get("location") ?? "", cookie };
}

/** The whole sign-on: a caller signed in, or the sign-in screen's error. */
export async function signOn(app: TestApp, accountId: string, provider = "oidc") {
  return finishSignOn(app, await beginSignOn(app, accountId, provider));
}

export const asCaller = (cookie: string): Caller => ({ cookie, userId: "", email: "" });

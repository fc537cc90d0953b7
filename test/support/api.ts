import type { Page } from "playwright-core";

/** A JSON call as the web app makes it: same origin, the session cookie when given. */
export async function apiCall(
  origin: string,
  method: string,
  path: string,
  options: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { origin, ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  return fetch(`${origin}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

/** Signs in through the auth routes and returns the session cookie. */
export async function apiSignIn(origin: string, email: string, password: string): Promise<string> {
  const response = await apiCall(origin, "POST", "/api/auth/sign-in/email", {
    body: { email, password },
    headers: { "x-forwarded-for": "127.0.0.1" },
  });
  if (response.status !== 200)
    throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0] ?? "")
    .filter((pair) => pair.includes("session_token"))
    .join("; ");
  if (!cookie) throw new Error("sign-in set no session cookie");
  return cookie;
}

/** Reads a JSON body as unknown, failing with the body's text when the status is not the one expected. */
export async function expectJson(response: Response, status: number): Promise<unknown> {
  const text = await response.text();
  if (response.status !== status)
    throw new Error(`expected ${status}, got ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/**
 * A JSON POST from a page's own origin with its cookies, as the web app sends it; with a token,
 * as a system sends it (bearer, no origin). Fails with the body's text unless the answer is 2xx.
 */
export async function postFromPage(page: Page, path: string, data: unknown, token?: string) {
  const response = await page.request.post(path, {
    data,
    headers: token ? { authorization: `Bearer ${token}` } : { origin: new URL(page.url()).origin },
  });
  if (!response.ok()) throw new Error(`${path}: ${response.status()} ${await response.text()}`);
  return response.json();
}

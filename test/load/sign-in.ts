import { demoOrganization, demoPeople } from "@tandem/db/demo";

export interface Session {
  /** `name=value` pairs for a Cookie header. */
  cookie: string;
  /** The same cookies, for a browser context. */
  cookies: { name: string; value: string }[];
}

/**
 * Signs in as the demo owner through the API, as the sign-in page does, and makes the demo
 * organization the session's active one (a fresh session has none).
 */
export async function signInAsDemoOwner(origin: string): Promise<Session> {
  const owner = demoPeople.find((p) => p.role === "owner");
  if (!owner) throw new Error("the demo has no owner");
  const response = await fetch(`${origin}/api/auth/sign-in/email`, {
    method: "POST",
    // The auth library rate-limits sign-ins per address and wants to know the caller's.
    headers: { "content-type": "application/json", origin, "x-forwarded-for": "127.0.0.1" },
    body: JSON.stringify({ email: owner.email, password: owner.password }),
  });
  if (response.status !== 200) {
    throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  }
  const cookies = response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0] ?? "")
    .filter((pair) => pair.includes("session_token"))
    .map((pair) => {
      const at = pair.indexOf("=");
      return { name: pair.slice(0, at), value: pair.slice(at + 1) };
    });
  if (cookies.length === 0) throw new Error("sign-in set no session cookie");
  const session = { cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; "), cookies };
  const active = await fetch(`${origin}/api/v1/organizations/active`, {
    method: "POST",
    headers: { "content-type": "application/json", origin, cookie: session.cookie },
    body: JSON.stringify({ organizationId: demoOrganization.id }),
  });
  if (active.status !== 200) {
    throw new Error(`choosing the organization failed: ${active.status} ${await active.text()}`);
  }
  return session;
}

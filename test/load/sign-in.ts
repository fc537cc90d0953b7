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
  // Every auth cookie, as a browser keeps them: the session's signed copy (better-auth's
  // cookie cache) spares the server a session query per request.
  const jar = new Map<string, string>();
  const keep = (headers: Headers) => {
    for (const header of headers.getSetCookie()) {
      const pair = header.split(";")[0] ?? "";
      const at = pair.indexOf("=");
      if (pair.includes("better-auth")) jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  keep(response.headers);
  if (![...jar.keys()].some((name) => name.includes("session_token"))) {
    throw new Error("sign-in set no session cookie");
  }
  const header = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const active = await fetch(`${origin}/api/v1/organizations/active`, {
    method: "POST",
    headers: { "content-type": "application/json", origin, cookie: header() },
    body: JSON.stringify({ organizationId: demoOrganization.id }),
  });
  if (active.status !== 200) {
    throw new Error(`choosing the organization failed: ${active.status} ${await active.text()}`);
  }
  keep(active.headers);
  const cookies = [...jar].map(([name, value]) => ({ name, value }));
  const session = { cookie: header(), cookies };
  return session;
}

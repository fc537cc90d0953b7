import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import Provider from "oidc-provider";
import { TEST_ORIGIN } from "./test-app";

export interface TestAccount {
  email: string;
  name: string;
  groups: string[];
}

export const OIDC_CLIENT = { clientId: "tandem", clientSecret: "tandem-test-client-secret" };

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A real OpenID Connect provider (oidc-provider, a certified implementation) on loopback,
 * with one client for Tandem and the accounts given. Its development login form signs in
 * whoever is named (accounts are read at each sign-in: a test may change someone's groups).
 * revokeClient() replaces it by the same issuer without the client; allowRedirect() registers
 * another callback (an organization's provider: /api/auth/callback/sso-<organization id>).
 */
export async function startOidcProvider(accounts: Record<string, TestAccount>) {
  let handler: Handler = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  const issuer = `http://127.0.0.1:${address.port}`;

  const redirectUris = [`${TEST_ORIGIN}/api/auth/callback/oidc`];
  const start = (withClient: boolean) => {
    const provider = new Provider(issuer, {
      clients: withClient
        ? [
            {
              client_id: OIDC_CLIENT.clientId,
              client_secret: OIDC_CLIENT.clientSecret,
              redirect_uris: [...redirectUris],
            },
          ]
        : [],
      claims: {
        openid: ["sub"],
        email: ["email", "email_verified"],
        profile: ["name"],
        groups: ["groups"],
      },
      cookies: { keys: ["oidc-test-cookie-key"] },
      findAccount: (_ctx, id) => {
        const account = accounts[id];
        if (!account) return undefined;
        return { accountId: id, claims: () => ({ sub: id, email_verified: true, ...account }) };
      },
    });
    handler = provider.callback();
  };
  start(true);

  return {
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    issuer,
    revokeClient: () => start(false),
    allowRedirect: (uri: string) => {
      redirectUris.push(uri);
      start(true);
    },
    restoreClient: () => start(true),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The cookies a response sets, merged into a jar (name=value; name=value). */
export function mergeCookies(jar: string, response: Response): string {
  const cookies = new Map(
    jar
      .split("; ")
      .filter(Boolean)
      .map((c) => [c.split("=")[0] ?? "", c] as const),
  );
  for (const set of response.headers.getSetCookie()) {
    const pair = set.split(";")[0] ?? "";
    cookies.set(pair.split("=")[0] ?? "", pair);
  }
  return [...cookies.values()].join("; ");
}

/**
 * A person at the provider's login page: follows its redirects, types their account id and
 * consents, and returns where the provider sends them back to Tandem.
 */
export async function signInAtProvider(authorizeUrl: string, accountId: string): Promise<string> {
  let jar = "";
  let url = authorizeUrl;
  for (let hop = 0; hop < 12; hop++) {
    if (url.startsWith(TEST_ORIGIN)) return url;
    const page = await fetch(url, { redirect: "manual", headers: { cookie: jar } });
    jar = mergeCookies(jar, page);
    const location = page.headers.get("location");
    if (location) {
      url = new URL(location, url).toString();
      continue;
    }
    const html = await page.text();
    if (page.status >= 400)
      throw new Error(`provider answered ${page.status}: ${html.slice(0, 400)}`);
    const prompt = html.includes('name="login"') ? "login" : "consent";
    const body = new URLSearchParams({ prompt, login: accountId, password: "any" });
    const submitted = await fetch(url, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: jar, "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    jar = mergeCookies(jar, submitted);
    const next = submitted.headers.get("location");
    if (!next) throw new Error(`no redirect after ${prompt}: ${submitted.status}`);
    url = new URL(next, url).toString();
  }
  throw new Error("the provider never sent the person back");
}

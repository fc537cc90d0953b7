/** Where an OpenID Connect issuer publishes its discovery document (OpenID Connect Discovery 1.0). */
export const DISCOVERY_PATH = "/.well-known/openid-configuration";

/** The owner may paste the issuer or its discovery document's address; we keep the latter. */
export function discoveryUrlOf(issuerOrDocument: string): string {
  const trimmed = issuerOrDocument.trim().replace(/\/+$/, "");
  return trimmed.endsWith(DISCOVERY_PATH) ? trimmed : `${trimmed}${DISCOVERY_PATH}`;
}

/** Plain http only on this machine (a provider under development); anywhere else https. */
export function discoveryUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "is not a web address (https://id.example.com)";
  }
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(parsed.hostname);
  if (parsed.protocol === "https:" || (parsed.protocol === "http:" && local)) return null;
  return "must start with https:// (plain http only for a provider on this machine)";
}

export type DiscoveryCheck =
  | { ok: true; issuer: string; authorizationEndpoint: string }
  | { ok: false; problem: string };

const isUrl = (value: unknown): value is string => {
  if (typeof value !== "string") return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
};

/**
 * Reads the discovery document the way sign-in will, and says in words what is wrong: not
 * reachable, not answering 200, not JSON, or not an OpenID provider (no issuer, endpoints,
 * signing keys). What the provider answered is not echoed: the owner learns nothing of a
 * server beyond whether it is an OpenID provider.
 */
export async function checkDiscovery(url: string, timeoutMs = 5000): Promise<DiscoveryCheck> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    return {
      ok: false,
      problem: timedOut
        ? `could not be reached: no answer within ${timeoutMs / 1000} s`
        : "could not be reached (no server answers at that address)",
    };
  }
  if (response.status !== 200) {
    return { ok: false, problem: `answered ${response.status} instead of a discovery document` };
  }
  let document: unknown;
  try {
    document = await response.json();
  } catch {
    return { ok: false, problem: "did not answer with JSON: it is not an OpenID Connect provider" };
  }
  const doc = typeof document === "object" && document !== null ? document : {};
  const field = (name: string): unknown => (name in doc ? Reflect.get(doc, name) : undefined);
  const missing = ["issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"].filter(
    (name) => !isUrl(field(name)),
  );
  const algorithms = field("id_token_signing_alg_values_supported");
  if (!Array.isArray(algorithms) || algorithms.length === 0) {
    missing.push("id_token_signing_alg_values_supported");
  }
  if (missing.length > 0) {
    return {
      ok: false,
      problem: `is not an OpenID Connect discovery document (it lacks ${missing.join(", ")})`,
    };
  }
  return {
    ok: true,
    issuer: String(field("issuer")),
    authorizationEndpoint: String(field("authorization_endpoint")),
  };
}

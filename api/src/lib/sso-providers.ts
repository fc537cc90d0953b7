import type { Database } from "@tandem/db";
import { findUserByEmail, type Role } from "@tandem/db/queries/members";
import { findSsoProvider, organizationsOfUser } from "@tandem/db/queries/sso";
import type { AuthContext, BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { type GenericOAuthConfig, genericOAuth } from "better-auth/plugins";
import { createSecretBox, type SecretBox } from "./secret-box";
import { inDomains, type OidcOptions, rememberRole, roleFromClaims } from "./sso";

/** An organization's provider id; its callback is /api/auth/callback/sso-<organization id>. */
export const SSO_PREFIX = "sso-";
export const providerIdOf = (orgId: string) => `${SSO_PREFIX}${orgId}`;
export const orgOfProviderId = (id: unknown): string | null =>
  typeof id === "string" && id.startsWith(SSO_PREFIX) && id.length > SSO_PREFIX.length
    ? id.slice(SSO_PREFIX.length)
    : null;

/** Client secrets are sealed with a key of their own, derived from the auth secret. */
export const ssoSecretBox = (authSecret: string): SecretBox =>
  createSecretBox(authSecret, "sso-client-secret");

/** The organization's provider as sign-in uses it, or null when none is set or it is off. */
export async function loadOrganizationSignOn(
  database: Database,
  box: SecretBox,
  orgId: string,
): Promise<{ options: OidcOptions; version: number } | null> {
  const row = await findSsoProvider(database.db, orgId);
  if (!row?.enabled) return null;
  const roleMap: Record<string, Role> = {};
  for (const { claim, role } of row.roleMap) roleMap[claim] = role;
  return {
    version: row.version,
    options: {
      providerId: providerIdOf(orgId),
      name: row.displayName,
      confined: true,
      discoveryUrl: row.discoveryUrl,
      clientId: row.clientId,
      clientSecret: box.open(row.clientSecretCiphertext),
      organizationId: orgId,
      domains: row.domains,
      defaultRole: row.defaultRole,
      scopes: row.scopes,
      roleClaim: row.roleClaim,
      roleMap,
      passwordSignIn: row.passwordSignIn,
    },
  };
}

const refuse = (error: string) =>
  new APIError("FOUND", undefined, { location: `/sign-in?error=${error}` });

/** Nobody outside the organization, or nobody new: a confined provider vouches for no one else. */
async function belongsOnlyHere(database: Database, email: string, orgId: string) {
  const existing = await findUserByEmail(database.db, email);
  if (!existing) return true;
  const organizations = await organizationsOfUser(database.db, existing.id);
  return organizations.every((id) => id === orgId);
}

/** The library's provider settings for ours: discovery, PKCE, verified ID tokens, our checks. */
export function providerConfig(database: Database, options: OidcOptions): GenericOAuthConfig {
  return {
    providerId: options.providerId,
    name: options.name,
    discoveryUrl: options.discoveryUrl,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scopes: options.scopes,
    pkce: true,
    requireIdTokenVerification: true,
    mapProfileToUser: async (profile) => {
      const email = typeof profile.email === "string" ? profile.email : "";
      // Back to the sign-in screen, which says why, instead of an account made.
      if (!inDomains(options, email)) throw refuse("sso_domain_refused");
      if (options.confined && !(await belongsOnlyHere(database, email, options.organizationId)))
        throw refuse("sso_account_elsewhere");
      rememberRole(options, String(profile.sub ?? profile.id), roleFromClaims(options, profile));
      return {};
    },
  };
}

type Provider = AuthContext["socialProviders"][number];

/** Discovery that hangs must not hold a sign-in forever. */
const DISCOVERY_TIMEOUT_MS = 10_000;
/** Rebuilt now and then even unchanged: a provider may move its endpoints or keys. */
const PROVIDER_MAX_AGE_MS = 60 * 60_000;

/**
 * Organizations' providers, resolved per request (decision 060): the sign-in start and the
 * callback name the provider (sso-<organization id>); this reads the organization's settings
 * (one row) and hands the library that provider for this request only. A built provider
 * (discovery, signing keys) is kept while the settings' version is unchanged, so a change
 * saved on any instance counts on every instance at its next sign-in, without a notice.
 */
export function organizationSignOn(deps: { database: Database; box: SecretBox }): BetterAuthPlugin {
  const built = new Map<
    string,
    { version: number; at: number; provider: Promise<Provider | null> }
  >();

  async function build(context: AuthContext, options: OidcOptions): Promise<Provider | null> {
    const plugin = genericOAuth({ config: [providerConfig(deps.database, options)] });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), DISCOVERY_TIMEOUT_MS);
    });
    try {
      const result = await Promise.race([plugin.init?.(context), timeout]);
      const providers = result && "context" in result ? result.context?.socialProviders : undefined;
      return providers?.find((p) => p.id === options.providerId) ?? null;
    } finally {
      clearTimeout(timer);
    }
  }

  async function resolve(context: AuthContext, orgId: string): Promise<Provider | null> {
    const loaded = await loadOrganizationSignOn(deps.database, deps.box, orgId);
    if (!loaded) {
      built.delete(orgId);
      return null;
    }
    const kept = built.get(orgId);
    if (kept && kept.version === loaded.version && Date.now() - kept.at < PROVIDER_MAX_AGE_MS)
      return kept.provider;
    const provider = build(context, loaded.options);
    built.set(orgId, { version: loaded.version, at: Date.now(), provider });
    const ready = await provider;
    // A provider that could not be discovered is tried again at the next sign-in.
    if (!ready && built.get(orgId)?.provider === provider) built.delete(orgId);
    return ready;
  }

  return {
    id: "tandem-organization-sign-on",
    hooks: {
      before: [
        {
          matcher: (ctx) =>
            (ctx.path === "/sign-in/social" && orgOfProviderId(ctx.body?.provider) !== null) ||
            (ctx.path === "/callback/:id" && orgOfProviderId(ctx.params?.id) !== null),
          handler: createAuthMiddleware(async (ctx) => {
            const orgId = orgOfProviderId(ctx.body?.provider) ?? orgOfProviderId(ctx.params?.id);
            const provider = orgId ? await resolve(ctx.context, orgId) : null;
            if (!provider) {
              if (ctx.path === "/callback/:id") throw refuse("sso_unavailable");
              throw new APIError("BAD_REQUEST", {
                code: "SSO_UNAVAILABLE",
                message:
                  "Single sign-on for this organization is off or its provider cannot be reached; sign in with your password or ask an owner",
              });
            }
            // This request's copy of the context: other requests keep their own list.
            ctx.context.socialProviders = [
              provider,
              ...ctx.context.socialProviders.filter((p) => p.id !== provider.id),
            ];
          }),
        },
      ],
    },
  };
}

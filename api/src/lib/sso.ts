import { randomUUID } from "node:crypto";
import type { Database } from "@tandem/db";
import { writeAudit } from "@tandem/db/queries/audit";
import { insertMember, isRole, type Role, roles } from "@tandem/db/queries/members";
import type { Env } from "../env";

/**
 * Single sign-on through one OpenID Connect provider, set by the environment (TANDEM_OIDC_*):
 * who may use it (email domains), the organization they join and with which role.
 */
export interface OidcOptions {
  /** The issuer's discovery document: https://id.example.com/.well-known/openid-configuration */
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
  /** The organization people of these domains join on their first sign-in. */
  organizationId: string;
  /** Lower-case email domains allowed to sign in this way; others are refused. */
  domains: string[];
  defaultRole: Role;
  /** What to ask the provider for; its groups often need a scope of their own ("groups"). */
  scopes: string[];
  /** The claim holding the person's groups, and which group gives which role. */
  roleClaim: string;
  roleMap: Record<string, Role>;
  /** False: people of these domains cannot sign in with a password. */
  passwordSignIn: boolean;
}

export const domainOf = (email: string) => email.slice(email.lastIndexOf("@") + 1).toLowerCase();

export function inDomains(options: OidcOptions, email: string): boolean {
  return options.domains.includes(domainOf(email));
}

/** The highest role any of the person's groups maps to, or the default. */
export function roleFromClaims(options: OidcOptions, claims: Record<string, unknown>): Role {
  const value = claims[options.roleClaim];
  const groups = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
  const mapped = groups
    .map((group) => (typeof group === "string" ? options.roleMap[group] : undefined))
    .filter((role): role is Role => role !== undefined);
  return mapped.reduce(
    (best, role) => (roles.indexOf(role) > roles.indexOf(best) ? role : best),
    mapped[0] ?? options.defaultRole,
  );
}

/** "tandem-owners=owner,tandem-execs=exec" -> a map; an unknown role is a startup error. */
export function parseRoleMap(text: string): Record<string, Role> {
  const map: Record<string, Role> = {};
  for (const pair of text.split(",").filter((p) => p.trim())) {
    const [group = "", role = ""] = pair.split("=").map((s) => s.trim());
    if (!group || !isRole(role))
      throw new Error(`TANDEM_OIDC_ROLE_MAP: "${pair}" is not group=role`);
    map[group] = role;
  }
  return map;
}

/**
 * The role a person's claims gave, by their subject at the provider, from reading the
 * provider's answer to creating their account: both happen within one callback request of
 * one process, and better-auth's database hooks see no claims.
 */
const pendingRoles = new Map<string, Role>();

export function rememberRole(subject: string, role: Role): void {
  pendingRoles.set(subject, role);
}

/** When a sign-on first links a person: they join the organization, once, audited. */
export async function joinBySingleSignOn(
  database: Database,
  options: OidcOptions,
  account: { userId: string; subject: string },
): Promise<void> {
  const role = pendingRoles.get(account.subject);
  if (!role) return;
  pendingRoles.delete(account.subject);
  const user = { id: account.userId };
  await database.db.transaction(async (tx) => {
    const joined = await insertMember(tx, {
      organizationId: options.organizationId,
      id: randomUUID(),
      userId: user.id,
      role,
      teamId: null,
    });
    if (!joined) return;
    await writeAudit(
      tx,
      options.organizationId,
      { kind: "user", id: user.id },
      { action: "member.joined_by_sso", entity: "member", entityId: joined.id, after: { role } },
    );
  });
}

/** Single sign-on from TANDEM_OIDC_*; none without a discovery URL, a startup error if half set. */
export function oidcFromEnv(env: Env): OidcOptions | undefined {
  const discoveryUrl = env.TANDEM_OIDC_DISCOVERY_URL;
  if (!discoveryUrl) return undefined;
  const clientId = env.TANDEM_OIDC_CLIENT_ID;
  const clientSecret = env.TANDEM_OIDC_CLIENT_SECRET;
  const organizationId = env.TANDEM_OIDC_ORGANIZATION;
  const domains = env.TANDEM_OIDC_DOMAINS.split(",")
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);
  if (!clientId || !clientSecret || !organizationId || domains.length === 0) {
    throw new Error(
      "TANDEM_OIDC_DISCOVERY_URL needs TANDEM_OIDC_CLIENT_ID, TANDEM_OIDC_CLIENT_SECRET, TANDEM_OIDC_ORGANIZATION and TANDEM_OIDC_DOMAINS",
    );
  }
  return {
    discoveryUrl,
    clientId,
    clientSecret,
    organizationId,
    domains,
    scopes: env.TANDEM_OIDC_SCOPES.split(/[ ,]+/).filter(Boolean),
    defaultRole: env.TANDEM_OIDC_DEFAULT_ROLE,
    roleClaim: env.TANDEM_OIDC_ROLE_CLAIM,
    roleMap: parseRoleMap(env.TANDEM_OIDC_ROLE_MAP),
    passwordSignIn: env.TANDEM_OIDC_PASSWORD_SIGN_IN === "on",
  };
}

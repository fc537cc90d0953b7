import { randomUUID } from "node:crypto";
import type { Database } from "@tandem/db";
import { writeAudit } from "@tandem/db/queries/audit";
import { insertMember, isRole, type Role, roles } from "@tandem/db/queries/members";
import type { Env } from "../env";

/**
 * Single sign-on through an OpenID Connect provider, set by the environment (TANDEM_OIDC_*,
 * provider id "oidc") or by an organization's owner in Settings (lib/sso-providers.ts): who may
 * use it (email domains), the organization they join and with which role.
 */
export interface OidcOptions {
  /** "oidc" for the environment's; "sso-<organization id>" for an organization's. */
  providerId: string;
  /** What the sign-in button says: "Sign in with <name>". */
  name: string;
  /**
   * An owner's provider vouches only for its own organization: it may not sign in a person
   * who also belongs to another one (that owner's provider could claim to be anyone).
   */
  confined: boolean;
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
 * The role a person's claims gave, by provider and subject, from reading the provider's
 * answer to creating their account or ending the callback: all within one callback request
 * of one process, and better-auth's database hooks see no claims. Entries of sign-ins that
 * failed later in the callback go after a few minutes.
 */
interface PendingRole {
  role: Role;
  options: OidcOptions;
  at: number;
}
const pendingRoles = new Map<string, PendingRole>();
const PENDING_MS = 5 * 60_000;

export function rememberRole(options: OidcOptions, subject: string, role: Role): void {
  const now = Date.now();
  for (const [key, entry] of pendingRoles)
    if (now - entry.at > PENDING_MS) pendingRoles.delete(key);
  pendingRoles.set(`${options.providerId}:${subject}`, { role, options, at: now });
}

export function takeRole(providerId: string, subject: string): PendingRole | undefined {
  const key = `${providerId}:${subject}`;
  const entry = pendingRoles.get(key);
  pendingRoles.delete(key);
  return entry;
}

/** When a sign-on first links a person: they join the organization, once, audited. */
export async function joinBySingleSignOn(
  database: Database,
  account: { userId: string; providerId: string; subject: string },
): Promise<void> {
  const pending = takeRole(account.providerId, account.subject);
  if (!pending) return;
  const { role, options } = pending;
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
    providerId: "oidc",
    name: "Single sign-on",
    confined: false,
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

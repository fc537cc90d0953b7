import { boolean, index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { organization } from "./auth";
import { updatedAt, version } from "./columns";
import { orgId } from "./org-id";

/** One group (or other value) of the role claim and the role it gives. */
export interface SsoRoleMapping {
  claim: string;
  role: "viewer" | "member" | "lead" | "exec" | "owner";
}

/**
 * An organization's OpenID Connect provider, set by its owner (GET/PUT /api/v1/sso). The
 * client secret is sealed with the auth secret (secret-box), never returned.
 */
export const ssoProviders = pgTable("sso_providers", {
  orgId: orgId().primaryKey(),
  enabled: boolean("enabled").notNull().default(true),
  displayName: text("display_name").notNull(),
  discoveryUrl: text("discovery_url").notNull(),
  clientId: text("client_id").notNull(),
  clientSecretCiphertext: text("client_secret_ciphertext").notNull(),
  scopes: text("scopes").array().notNull(),
  defaultRole: text("default_role").$type<SsoRoleMapping["role"]>().notNull(),
  roleClaim: text("role_claim").notNull(),
  roleMap: jsonb("role_map").$type<SsoRoleMapping[]>().notNull(),
  /** False: people of its domains sign in with single sign-on only. */
  passwordSignIn: boolean("password_sign_in").notNull().default(true),
  version: version(),
  updatedAt: updatedAt(),
});

/**
 * Which organization an email domain signs in with. Not per organization: the sign-in screen
 * asks by domain before anyone is in one, and a domain belongs to one organization at most. Its
 * column is organization_id, not org_id, so Citus keeps it a reference table (decision 057)
 * looked up by domain, instead of sharding it by organization.
 */
export const ssoDomains = pgTable(
  "sso_domains",
  {
    domain: text("domain").primaryKey(),
    orgId: text("organization_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
  },
  (t) => [index("sso_domains_organization_id_idx").on(t.orgId)],
);

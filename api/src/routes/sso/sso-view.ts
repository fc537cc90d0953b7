import type { z } from "@hono/zod-openapi";
import type { findSsoProvider } from "@tandem/db/queries/sso";
import type { OidcOptions } from "../../lib/sso";
import type { ssoSettingsSchema } from "./sso.routes";

export type SsoSettingsView = z.infer<typeof ssoSettingsSchema>;
type Row = NonNullable<Awaited<ReturnType<typeof findSsoProvider>>>;

/** What GET shows of a saved provider: everything but the secret, which is only "set". */
export function settingsView(row: Row, redirectUri: string): SsoSettingsView {
  return {
    source: "settings",
    version: row.version,
    enabled: row.enabled,
    displayName: row.displayName,
    discoveryUrl: row.discoveryUrl,
    clientId: row.clientId,
    clientSecretSet: row.clientSecretCiphertext !== "",
    domains: row.domains,
    defaultRole: row.defaultRole,
    scopes: row.scopes,
    roleClaim: row.roleClaim,
    roleMap: row.roleMap,
    passwordSignIn: row.passwordSignIn,
    redirectUri,
  };
}

/** The environment's provider (TANDEM_OIDC_*), read-only on screen. */
export function environmentView(oidc: OidcOptions, redirectUri: string): SsoSettingsView {
  return {
    source: "environment",
    version: 0,
    enabled: true,
    displayName: oidc.name,
    discoveryUrl: oidc.discoveryUrl,
    clientId: oidc.clientId,
    clientSecretSet: true,
    domains: oidc.domains,
    defaultRole: oidc.defaultRole,
    scopes: oidc.scopes,
    roleClaim: oidc.roleClaim,
    roleMap: Object.entries(oidc.roleMap).map(([claim, role]) => ({ claim, role })),
    passwordSignIn: oidc.passwordSignIn,
    redirectUri,
  };
}

/** Nothing saved yet: the form starts from these. */
export function emptyView(redirectUri: string): SsoSettingsView {
  return {
    source: "none",
    version: 0,
    enabled: true,
    displayName: "",
    discoveryUrl: "",
    clientId: "",
    clientSecretSet: false,
    domains: [],
    defaultRole: "viewer",
    scopes: ["openid", "email", "profile"],
    roleClaim: "groups",
    roleMap: [],
    passwordSignIn: true,
    redirectUri,
  };
}

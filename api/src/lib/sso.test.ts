import { describe, expect, it } from "vitest";
import { readEnv } from "../env";
import { oidcFromEnv, parseRoleMap, roleFromClaims } from "./sso";

const env = (extra: Record<string, string>) =>
  readEnv({ TANDEM_AUTH_SECRET: "x".repeat(40), ...extra });

const complete = {
  TANDEM_OIDC_DISCOVERY_URL: "https://id.example.com/.well-known/openid-configuration",
  TANDEM_OIDC_CLIENT_ID: "tandem",
  TANDEM_OIDC_CLIENT_SECRET: "secret",
  TANDEM_OIDC_ORGANIZATION: "org_1",
  TANDEM_OIDC_DOMAINS: "Acme.example, acme.io",
  TANDEM_OIDC_ROLE_MAP: "tandem-leads=lead, tandem-execs=exec",
};

describe("single sign-on settings", () => {
  it("reads the environment, and refuses half of it", () => {
    expect(oidcFromEnv(env({}))).toBeUndefined();
    const oidc = oidcFromEnv(env(complete));
    expect(oidc).toMatchObject({
      domains: ["acme.example", "acme.io"],
      defaultRole: "viewer",
      roleClaim: "groups",
      scopes: ["openid", "email", "profile"],
      roleMap: { "tandem-leads": "lead", "tandem-execs": "exec" },
      passwordSignIn: true,
    });
    const { TANDEM_OIDC_DOMAINS: _domains, ...withoutDomains } = complete;
    expect(() => oidcFromEnv(env(withoutDomains))).toThrow(/TANDEM_OIDC_DOMAINS/);
    expect(() => parseRoleMap("tandem=admin")).toThrow(/group=role/);
  });

  it("gives the highest role any group maps to, else the default", () => {
    const oidc = oidcFromEnv(env(complete));
    if (!oidc) throw new Error("not configured");
    expect(roleFromClaims(oidc, { groups: ["staff", "tandem-execs", "tandem-leads"] })).toBe(
      "exec",
    );
    expect(roleFromClaims(oidc, { groups: "tandem-leads" })).toBe("lead");
    expect(roleFromClaims(oidc, { groups: ["staff"] })).toBe("viewer");
    expect(roleFromClaims(oidc, {})).toBe("viewer");
  });
});

import { randomBytes } from "node:crypto";
import { z } from "@hono/zod-openapi";
import { ssoProviders } from "@tandem/db/schema";
import { describeEachEngine } from "@tandem/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { OidcOptions } from "../../lib/sso";
import { OIDC_CLIENT, startOidcProvider, type TestAccount } from "../../testing/oidc-provider";
import { asCaller, beginSignOn, finishSignOn, signOn } from "../../testing/sign-on";
import {
  addMember,
  type Caller,
  call,
  createOwner,
  createTestApp,
  readAs,
  readProblem,
  signUp,
  TEST_ORIGIN,
  type TestApp,
} from "../../testing/test-app";
import { meSchema } from "../me/me.routes";
import { signOnSchema, ssoSettingsSchema } from "./sso.routes";

const accounts: Record<string, TestAccount> = {};
let idp: Awaited<ReturnType<typeof startOidcProvider>>;
beforeAll(async () => {
  idp = await startOidcProvider(accounts);
});
afterAll(() => idp.close());

/** A domain of this test's own (the database is shared by a file's tests), and its people. */
function people() {
  const domain = `acme-${randomBytes(4).toString("hex")}.example`;
  accounts.alice = { email: `alice@${domain}`, name: "Alice Exec", groups: ["tandem-execs"] };
  accounts.bob = { email: `bob@${domain}`, name: "Bob Newcomer", groups: ["staff"] };
  accounts.eve = { email: "eve@elsewhere.example", name: "Eve Outsider", groups: [] };
  return domain;
}

const settings = (domain: string, changes: Record<string, unknown> = {}) => ({
  enabled: true,
  displayName: "Acme ID",
  discoveryUrl: idp.issuer,
  clientId: OIDC_CLIENT.clientId,
  clientSecret: OIDC_CLIENT.clientSecret,
  domains: [domain.toUpperCase()],
  defaultRole: "viewer",
  scopes: ["groups"],
  roleClaim: "groups",
  roleMap: [{ claim: "tandem-execs", role: "exec" }],
  passwordSignIn: true,
  ...changes,
});

async function readSso(app: TestApp, caller: Caller) {
  const response = await call(app, "GET", "/api/v1/sso", { caller });
  expect(response.status).toBe(200);
  return { view: await readAs(response, ssoSettingsSchema), etag: response.headers.get("etag") };
}

async function putSso(app: TestApp, caller: Caller, body: unknown, version: number) {
  return call(app, "PUT", "/api/v1/sso", { caller, body, headers: { "if-match": `"${version}"` } });
}

async function roleOf(app: TestApp, cookie: string) {
  const me = await call(app, "GET", "/api/v1/me", { caller: asCaller(cookie) });
  return (await readAs(me, meSchema)).role;
}

describeEachEngine("single sign-on set by an owner in Settings", (db) => {
  async function setUp() {
    const domain = people();
    const { app } = createTestApp(db());
    const owner = await createOwner(app, { name: "Acme" });
    const providerId = `sso-${owner.orgId}`;
    idp.allowRedirect(`${TEST_ORIGIN}/api/auth/callback/${providerId}`);
    return { app, owner, domain, providerId };
  }

  it("saves the provider with the secret sealed, signs people in with the role their claim gives, and follows the claim later", async () => {
    const { app, owner, domain, providerId } = await setUp();
    const empty = await readSso(app, owner);
    expect(empty.view).toMatchObject({ source: "none", version: 0, clientSecretSet: false });
    expect(empty.view.redirectUri).toBe(`${TEST_ORIGIN}/api/auth/callback/${providerId}`);
    expect(empty.etag).toBe('"0"');

    const blind = await call(app, "PUT", "/api/v1/sso", { caller: owner, body: settings(domain) });
    expect(blind.status).toBe(428);
    const saved = await putSso(app, owner, settings(domain), 0);
    expect(saved.status).toBe(200);
    const text = await saved.clone().text();
    expect(text).not.toContain(OIDC_CLIENT.clientSecret);
    expect(await readAs(saved, ssoSettingsSchema)).toMatchObject({
      source: "settings",
      version: 1,
      clientSecretSet: true,
      domains: [domain],
      discoveryUrl: `${idp.issuer}/.well-known/openid-configuration`,
      scopes: ["openid", "email", "profile", "groups"],
    });
    const [row] = await db().db.select().from(ssoProviders);
    expect(row?.clientSecretCiphertext).not.toContain(OIDC_CLIENT.clientSecret);
    const stale = await putSso(app, owner, settings(domain), 0);
    expect(stale.status).toBe(412);

    // The sign-in screen learns the provider from the email's domain.
    const offered = await call(app, "GET", `/api/sign-on?email=bob@${domain.toUpperCase()}`);
    expect(await readAs(offered, signOnSchema)).toEqual({
      provider: { id: providerId, name: "Acme ID" },
    });
    const none = await call(app, "GET", "/api/sign-on?email=someone@nowhere.example");
    expect((await readAs(none, signOnSchema)).provider).toBeNull();

    const alice = await signOn(app, "alice", providerId);
    expect(alice.location).toBe("/");
    expect(await roleOf(app, alice.cookie)).toBe("exec");
    expect(await roleOf(app, (await signOn(app, "bob", providerId)).cookie)).toBe("viewer");

    // The provider moves Alice out of the execs: her next sign-in follows, audited.
    accounts.alice = { ...(accounts.alice as TestAccount), groups: ["staff"] };
    const later = await signOn(app, "alice", providerId);
    expect(await roleOf(app, later.cookie)).toBe("viewer");
    const audit = await (await call(app, "GET", "/api/v1/audit", { caller: owner })).text();
    expect(audit.match(/member\.joined_by_sso/g)).toHaveLength(2);
    expect(audit.match(/member\.role_from_sso/g)).toHaveLength(1);
    expect(audit).toContain("organization.sso");
    expect(audit).not.toContain(OIDC_CLIENT.clientSecret);

    // With an empty map the owner sets roles; the claim changes nothing. The secret kept stays.
    const { clientSecret: _kept, ...withoutSecret } = settings(domain, { roleMap: [] });
    expect((await putSso(app, owner, withoutSecret, 1)).status).toBe(200);
    accounts.alice = { ...(accounts.alice as TestAccount), groups: ["tandem-execs"] };
    expect(await roleOf(app, (await signOn(app, "alice", providerId)).cookie)).toBe("viewer");
  });

  it("answers bad settings in words, and checks the provider's discovery document", async () => {
    const { app, owner, domain } = await setUp();
    const bad = await putSso(
      app,
      owner,
      settings(domain, {
        domains: ["@acme"],
        defaultRole: "owner",
        roleMap: [{ claim: "", role: "boss" }],
      }),
      0,
    );
    expect(bad.status).toBe(422);
    const paths = (await readProblem(bad)).errors?.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(["domains.0", "defaultRole", "roleMap.0.claim", "roleMap.0.role"]),
    );
    const unreachable = await putSso(
      app,
      owner,
      settings(domain, { discoveryUrl: "http://127.0.0.1:1" }),
      0,
    );
    expect(unreachable.status).toBe(422);
    const problem = await readProblem(unreachable);
    expect(problem.errors?.[0]).toMatchObject({ path: "discoveryUrl" });
    expect(problem.detail).toMatch(/could not be reached/);
    const notOidc = await putSso(
      app,
      owner,
      settings(domain, { discoveryUrl: `${idp.issuer}/nowhere` }),
      0,
    );
    expect((await readProblem(notOidc)).detail).toMatch(/answered 404/);
    const plain = await putSso(
      app,
      owner,
      settings(domain, { discoveryUrl: "http://id.example.com" }),
      0,
    );
    expect((await readProblem(plain)).errors?.[0]?.message).toMatch(/https/);
    const { clientSecret: _none, ...secretless } = settings(domain);
    const first = await putSso(app, owner, secretless, 0);
    expect((await readProblem(first)).errors?.[0]?.path).toBe("clientSecret");

    const tested = await call(app, "POST", "/api/v1/sso/test", {
      caller: owner,
      body: { discoveryUrl: idp.issuer },
    });
    expect(tested.status).toBe(200);
    expect(await tested.json()).toEqual({
      discoveryUrl: `${idp.issuer}/.well-known/openid-configuration`,
      issuer: idp.issuer,
    });
  });

  it("refuses another domain, a revoked client, a provider turned off, and passwords when off", async () => {
    const { app, owner, domain, providerId } = await setUp();
    // Passwords cannot go before the provider has worked once.
    const early = await putSso(app, owner, settings(domain, { passwordSignIn: false }), 0);
    expect(early.status).toBe(409);
    expect((await readProblem(early)).errors?.[0]?.path).toBe("passwordSignIn");
    expect((await putSso(app, owner, settings(domain), 0)).status).toBe(200);

    const eve = await signOn(app, "eve", providerId);
    expect(eve).toEqual({ cookie: "", location: "/sign-in?error=sso_domain_refused" });
    expect((await signOn(app, "alice", providerId)).cookie).not.toBe("");

    // A member of the domain with a password, and someone of the domain in no organization.
    const pat = await signUp(app, `pat@${domain}`);
    const invite = await call(app, "POST", "/api/v1/members", {
      caller: owner,
      body: { email: pat.email, role: "member", teamId: null },
    });
    const { invitation } = z
      .object({ invitation: z.object({ id: z.string(), organizationId: z.string() }) })
      .parse(await invite.json());
    await call(app, "POST", "/api/v1/invitations/accept", {
      caller: pat,
      body: { organizationId: invitation.organizationId, invitationId: invitation.id },
    });
    await signUp(app, `sam@${domain}`);
    expect((await putSso(app, owner, settings(domain, { passwordSignIn: false }), 1)).status).toBe(
      200,
    );
    const password = "correct-horse-battery";
    const byPat = await call(app, "POST", "/api/auth/sign-in/email", {
      body: { email: pat.email, password },
    });
    expect(byPat.status).toBe(403);
    expect(await byPat.text()).toContain("single sign-on");
    const bySam = await call(app, "POST", "/api/auth/sign-in/email", {
      body: { email: `sam@${domain}`, password },
    });
    expect(bySam.status).toBe(200);

    // The provider revokes Tandem's client between the sign-in and the code's exchange.
    const pending = await beginSignOn(app, "bob", providerId);
    idp.revokeClient();
    try {
      const refused = await finishSignOn(app, pending);
      expect(refused.cookie).toBe("");
      expect(refused.location).toMatch(/^\/sign-in\?error=/);
    } finally {
      idp.allowRedirect(`${TEST_ORIGIN}/api/auth/callback/${providerId}`);
    }

    // Turned off: no sign-in starts, and the screen offers it no more.
    expect((await putSso(app, owner, settings(domain, { enabled: false }), 2)).status).toBe(200);
    const off = await call(app, "POST", "/api/auth/sign-in/social", {
      body: { provider: providerId, callbackURL: "/" },
    });
    expect(off.status).toBe(400);
    const offered = await call(app, "GET", `/api/sign-on?email=bob@${domain}`);
    expect((await readAs(offered, signOnSchema)).provider).toBeNull();
  });

  it("counts a change saved on one instance at the next sign-in on another", async () => {
    const { app, owner, domain, providerId } = await setUp();
    const other = createTestApp(db()).app;
    expect((await putSso(app, owner, settings(domain), 0)).status).toBe(200);
    const bob = await signOn(other, "bob", providerId);
    expect(await roleOf(other, bob.cookie)).toBe("viewer");
    const promoted = settings(domain, { roleMap: [{ claim: "staff", role: "lead" }] });
    expect((await putSso(app, owner, promoted, 1)).status).toBe(200);
    expect(await roleOf(other, (await signOn(other, "bob", providerId)).cookie)).toBe("lead");
    expect((await putSso(app, owner, settings(domain, { enabled: false }), 2)).status).toBe(200);
    const off = await call(other, "POST", "/api/auth/sign-in/social", {
      body: { provider: providerId, callbackURL: "/" },
    });
    expect(off.status).toBe(400);
  });

  it("keeps each organization's provider its own", async () => {
    const { app, owner, domain } = await setUp();
    expect((await putSso(app, owner, settings(domain), 0)).status).toBe(200);
    const exec = await addMember(app, owner, "exec");
    expect((await call(app, "GET", "/api/v1/sso", { caller: exec })).status).toBe(403);
    expect((await putSso(app, exec, settings(domain), 1)).status).toBe(403);

    const stranger = await createOwner(app, { name: "Other" });
    const theirs = await readSso(app, stranger);
    expect(theirs.view).toMatchObject({ source: "none", domains: [], clientId: "" });
    const claim = await putSso(app, stranger, settings(domain, { displayName: "Theirs" }), 0);
    expect(claim.status).toBe(409);
    expect((await readProblem(claim)).errors?.[0]?.path).toBe("domains.0");
    expect((await readSso(app, owner)).view).toMatchObject({ displayName: "Acme ID", version: 1 });

    // A person of another organization is not signed in by this one's provider.
    const alice = await signUp(app, `alice@${domain}`);
    const invite = await call(app, "POST", "/api/v1/members", {
      caller: stranger,
      body: { email: alice.email, role: "viewer", teamId: null },
    });
    expect(invite.status).toBe(201);
    const { invitation } = z
      .object({ invitation: z.object({ id: z.string(), organizationId: z.string() }) })
      .parse(await invite.json());
    await call(app, "POST", "/api/v1/invitations/accept", {
      caller: alice,
      body: { organizationId: invitation.organizationId, invitationId: invitation.id },
    });
    const refused = await signOn(app, "alice", `sso-${owner.orgId}`);
    expect(refused).toEqual({ cookie: "", location: "/sign-in?error=sso_account_elsewhere" });
  });

  it("shows the environment's provider read-only when it is this organization's", async () => {
    const domain = people();
    const bare = createTestApp(db()).app;
    const owner = await createOwner(bare, { name: "Env" });
    const oidc: OidcOptions = {
      providerId: "oidc",
      name: "Single sign-on",
      confined: false,
      discoveryUrl: idp.discoveryUrl,
      ...OIDC_CLIENT,
      organizationId: owner.orgId,
      domains: [domain],
      defaultRole: "viewer",
      scopes: ["openid"],
      roleClaim: "groups",
      roleMap: {},
      passwordSignIn: true,
    };
    const { app } = createTestApp(db(), { oidc });
    const { view } = await readSso(app, owner);
    expect(view).toMatchObject({ source: "environment", domains: [domain], clientSecretSet: true });
    expect(JSON.stringify(view)).not.toContain(OIDC_CLIENT.clientSecret);
    expect((await putSso(app, owner, settings(domain), 0)).status).toBe(409);
    const other = await createOwner(app, { name: "Other" });
    const clash = await putSso(app, other, settings(domain), 0);
    expect((await readProblem(clash)).errors?.[0]?.path).toBe("domains.0");
  });
});

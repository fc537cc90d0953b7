import { z } from "@hono/zod-openapi";
import { describeEachEngine } from "@tandem/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { OidcOptions } from "../../lib/sso";
import { OIDC_CLIENT, startOidcProvider } from "../../testing/oidc-provider";
import { asCaller, beginSignOn, finishSignOn } from "../../testing/sign-on";
import { call, createOwner, createTestApp, readAs } from "../../testing/test-app";
import { meSchema } from "../me/me.routes";

let idp: Awaited<ReturnType<typeof startOidcProvider>>;
beforeAll(async () => {
  idp = await startOidcProvider({
    alice: { email: "alice@acme.example", name: "Alice Exec", groups: ["tandem-execs", "staff"] },
    bob: { email: "bob@acme.example", name: "Bob Newcomer", groups: ["staff"] },
    eve: { email: "eve@elsewhere.example", name: "Eve Outsider", groups: ["tandem-execs"] },
  });
});
afterAll(() => idp.close());

describeEachEngine("single sign-on through an OpenID provider", (db) => {
  async function setUp() {
    const bare = createTestApp(db());
    const owner = await createOwner(bare.app, { name: "Acme" });
    const oidc: OidcOptions = {
      providerId: "oidc",
      name: "Single sign-on",
      confined: false,
      discoveryUrl: idp.discoveryUrl,
      ...OIDC_CLIENT,
      organizationId: owner.orgId,
      domains: ["acme.example"],
      defaultRole: "viewer",
      scopes: ["openid", "email", "profile", "groups"],
      roleClaim: "groups",
      roleMap: { "tandem-execs": "exec" },
      passwordSignIn: false,
    };
    return { app: createTestApp(db(), { oidc }).app, owner };
  }

  it("signs people of the domain in, into the organization, with the role their groups give", async () => {
    const { app, owner } = await setUp();
    const meta = z.object({ singleSignOn: z.boolean() });
    expect(await readAs(await call(app, "GET", "/api/meta"), meta)).toEqual({ singleSignOn: true });
    const without = createTestApp(db()).app;
    expect((await readAs(await call(without, "GET", "/api/meta"), meta)).singleSignOn).toBe(false);
    const alice = await finishSignOn(app, await beginSignOn(app, "alice"));
    expect(alice.location).toBe("/");
    const aliceMe = await readAs(
      await call(app, "GET", "/api/v1/me", { caller: asCaller(alice.cookie) }),
      meSchema,
    );
    expect(aliceMe).toMatchObject({
      role: "exec",
      organization: { id: owner.orgId },
      user: { email: "alice@acme.example", name: "Alice Exec" },
    });
    const bob = await finishSignOn(app, await beginSignOn(app, "bob"));
    const bobMe = await readAs(
      await call(app, "GET", "/api/v1/me", { caller: asCaller(bob.cookie) }),
      meSchema,
    );
    expect(bobMe.role).toBe("viewer");

    // Signing in again keeps the one membership.
    const again = await finishSignOn(app, await beginSignOn(app, "alice"));
    expect(again.cookie).not.toBe("");
    const members = await (await call(app, "GET", "/api/v1/members", { caller: owner })).text();
    expect(members.match(/alice@acme\.example/g)).toHaveLength(1);
    const audit = await (await call(app, "GET", "/api/v1/audit", { caller: owner })).text();
    expect(audit.match(/member\.joined_by_sso/g)).toHaveLength(2);
  });

  it("refuses another domain, passwords for the domain, and a client the provider revoked", async () => {
    const { app, owner } = await setUp();
    const eve = await finishSignOn(app, await beginSignOn(app, "eve"));
    expect(eve.cookie).toBe("");
    expect(eve.location).toMatch(/^\/sign-in\?error=/);
    const members = await (await call(app, "GET", "/api/v1/members", { caller: owner })).text();
    expect(members).not.toContain("elsewhere.example");

    const byPassword = await call(app, "POST", "/api/auth/sign-in/email", {
      body: { email: "alice@acme.example", password: "correct-horse-battery" },
    });
    expect(byPassword.status).toBe(403);
    expect(await byPassword.text()).toContain("single sign-on");
    const ownerAgain = await call(app, "POST", "/api/auth/sign-in/email", {
      body: { email: owner.email, password: "correct-horse-battery" },
    });
    expect(ownerAgain.status).toBe(200);

    // The provider revokes Tandem's client between the sign-in and the code's exchange.
    const pending = await beginSignOn(app, "bob");
    idp.revokeClient();
    try {
      const refused = await finishSignOn(app, pending);
      expect(refused.cookie).toBe("");
      expect(refused.location).toMatch(/^\/sign-in\?error=/);
    } finally {
      idp.restoreClient();
    }
  });
});

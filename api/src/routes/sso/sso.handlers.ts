import type { RouteHandler } from "@hono/zod-openapi";
import { writeAudit } from "@tandem/db/queries/audit";
import {
  domainsTakenElsewhere,
  findSsoProvider,
  hasSignedInThrough,
  replaceSsoDomains,
  saveSsoProvider,
} from "@tandem/db/queries/sso";
import type { Context } from "hono";
import type { AppEnv } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import { checkDiscovery, discoveryUrlOf, discoveryUrlProblem } from "../../lib/sso-discovery";
import { providerIdOf, ssoSecretBox } from "../../lib/sso-providers";
import { etag, requireIfMatch } from "../../lib/versioning";
import type { getSsoRoute, putSsoRoute, testSsoRoute } from "./sso.routes";
import { emptyView, environmentView, settingsView } from "./sso-view";

/** The address to register at the provider: the one the library sends as redirect_uri. */
async function redirectUri(c: Context<AppEnv>, providerId: string) {
  const { baseURL } = await c.var.auth.$context;
  return `${baseURL}/callback/${providerId}`;
}

/** The environment's provider, when it is this organization's: it wins, read-only. */
function environmentFor(c: Context<AppEnv>) {
  const oidc = c.var.environmentSignOn;
  return oidc?.organizationId === c.var.tenant.orgId ? oidc : undefined;
}

/** The discovery URL as kept, or 422 in words when it is no OpenID provider's. */
async function checkedDiscoveryUrl(input: string): Promise<{ url: string; issuer: string }> {
  const url = discoveryUrlOf(input);
  const unfit = discoveryUrlProblem(url);
  const checked = unfit ? { ok: false as const, problem: unfit } : await checkDiscovery(url);
  if (!checked.ok) {
    throw new ApiError("validation_failed", `The provider at ${url} ${checked.problem}`, {
      errors: [{ path: "discoveryUrl", message: checked.problem }],
    });
  }
  return { url, issuer: checked.issuer };
}

function domainsTaken(domains: string[], taken: string[]): ApiError {
  return new ApiError(
    "conflict",
    `${taken.join(", ")} already signs in with another organization's provider`,
    {
      errors: taken.map((d) => ({
        path: `domains.${domains.indexOf(d)}`,
        message: "signs in with another organization's provider",
      })),
    },
  );
}

export const get: RouteHandler<typeof getSsoRoute, AppEnv> = async (c) => {
  const { database, tenant } = c.var;
  const oidc = environmentFor(c);
  if (oidc) {
    c.header("ETag", etag(0));
    return c.json(environmentView(oidc, await redirectUri(c, oidc.providerId)), 200);
  }
  const uri = await redirectUri(c, providerIdOf(tenant.orgId));
  const row = await findSsoProvider(database.db, tenant.orgId);
  c.header("ETag", etag(row?.version ?? 0));
  return c.json(row ? settingsView(row, uri) : emptyView(uri), 200);
};

export const put: RouteHandler<typeof putSsoRoute, AppEnv> = async (c) => {
  const { database, tenant } = c.var;
  if (environmentFor(c)) {
    throw new ApiError(
      "conflict",
      "Single sign-on is set by the server's environment (TANDEM_OIDC_*); change it there",
    );
  }
  const body = c.req.valid("json");
  const version = requireIfMatch(c);
  const domains = [...new Set(body.domains)];
  const envDomains = c.var.environmentSignOn?.domains ?? [];
  const clash = domains.findIndex((d) => envDomains.includes(d));
  if (clash >= 0) {
    throw new ApiError("conflict", `${domains[clash]} signs in with the server's own provider`, {
      errors: [{ path: `domains.${clash}`, message: "signs in with the server's own provider" }],
    });
  }
  const { url } = await checkedDiscoveryUrl(body.discoveryUrl);
  const providerId = providerIdOf(tenant.orgId);
  const box = ssoSecretBox((await c.var.auth.$context).secret);
  const row = await database.db.transaction(async (tx) => {
    const current = await findSsoProvider(tx, tenant.orgId);
    const currentVersion = current?.version ?? 0;
    if (currentVersion !== version) {
      throw new ApiError(
        "precondition_failed",
        `Someone changed single sign-on since you loaded it (you have version ${version}, it is now ${currentVersion}); reload and apply your change again`,
        { headers: { ETag: etag(currentVersion) } },
      );
    }
    const secret = body.clientSecret
      ? box.seal(body.clientSecret)
      : current?.clientSecretCiphertext;
    if (!secret) {
      throw new ApiError("validation_failed", "The client secret is needed the first time", {
        errors: [{ path: "clientSecret", message: "is needed the first time" }],
      });
    }
    const taken = await domainsTakenElsewhere(tx, tenant.orgId, domains);
    if (taken.length > 0) throw domainsTaken(domains, taken);
    // A provider that never worked must not lock everyone out of their password.
    if (!body.passwordSignIn && !(await hasSignedInThrough(tx, providerId))) {
      throw new ApiError(
        "conflict",
        "Sign in once through the provider before turning password sign-in off, so a provider that does not work cannot lock everyone out",
        {
          errors: [
            { path: "passwordSignIn", message: "needs one sign-in through the provider first" },
          ],
        },
      );
    }
    const saved = await saveSsoProvider(tx, tenant.orgId, version, {
      enabled: body.enabled,
      displayName: body.displayName,
      discoveryUrl: url,
      clientId: body.clientId,
      clientSecretCiphertext: secret,
      scopes: [...new Set(["openid", "email", "profile", ...body.scopes])],
      defaultRole: body.defaultRole,
      roleClaim: body.roleClaim,
      roleMap: body.roleMap,
      passwordSignIn: body.passwordSignIn,
    });
    if (!saved) {
      throw new ApiError(
        "precondition_failed",
        "Someone changed single sign-on at the same moment; reload and try again",
      );
    }
    const lost = await replaceSsoDomains(tx, tenant.orgId, domains);
    if (lost.length > 0) throw domainsTaken(domains, lost);
    const after = settingsView({ ...saved, domains }, "");
    await writeAudit(
      tx,
      tenant.orgId,
      { kind: "user", id: tenant.userId },
      {
        action: "organization.sso",
        entity: "organization",
        entityId: tenant.orgId,
        before: current ? { ...settingsView(current, ""), redirectUri: undefined } : null,
        after: {
          ...after,
          redirectUri: undefined,
          clientSecretChanged: Boolean(body.clientSecret),
        },
      },
    );
    return saved;
  });
  c.header("ETag", etag(row.version));
  return c.json(settingsView({ ...row, domains }, await redirectUri(c, providerId)), 200);
};

export const test: RouteHandler<typeof testSsoRoute, AppEnv> = async (c) => {
  const { url, issuer } = await checkedDiscoveryUrl(c.req.valid("json").discoveryUrl);
  return c.json({ discoveryUrl: url, issuer }, 200);
};

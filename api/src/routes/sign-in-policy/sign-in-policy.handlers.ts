import type { RouteHandler } from "@hono/zod-openapi";
import { writeAudit } from "@tandem/db/queries/audit";
import { findSignInPolicy, updateSignInPolicy } from "@tandem/db/queries/sign-in-policy";
import type { AppEnv } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import { publishAccessEnded } from "../../lib/live/publish";
import type { getSignInPolicyRoute, putSignInPolicyRoute } from "./sign-in-policy.routes";

export const get: RouteHandler<typeof getSignInPolicyRoute, AppEnv> = async (c) => {
  const { database, tenant } = c.var;
  return c.json(await findSignInPolicy(database.db, tenant.orgId), 200);
};

export const put: RouteHandler<typeof putSignInPolicyRoute, AppEnv> = async (c) => {
  const { database, tenant, session } = c.var;
  const body = c.req.valid("json");
  // Otherwise the owner's own next request would be refused until they enrolled.
  if (body.requireTwoFactor && !session.twoFactorEnabled) {
    throw new ApiError(
      "conflict",
      "Set up two-factor sign-in for yourself before requiring it of everyone",
    );
  }
  const policy = await database.db.transaction(async (tx) => {
    const before = await findSignInPolicy(tx, tenant.orgId);
    const after = await updateSignInPolicy(tx, tenant.orgId, body);
    await writeAudit(
      tx,
      tenant.orgId,
      { kind: "user", id: tenant.userId },
      {
        action: "organization.sign_in_policy",
        entity: "organization",
        entityId: tenant.orgId,
        before,
        after,
      },
    );
    return after;
  });
  // Memberships kept in memory carry the policy: every instance drops this organization's.
  await publishAccessEnded(database, { kind: "member_changed", orgId: tenant.orgId });
  return c.json(policy, 200);
};

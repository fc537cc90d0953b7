import type { RouteHandler } from "@hono/zod-openapi";
import { findTeam, listUserOrganizations } from "@tandem/db/queries/teams";
import type { AppEnv } from "../../lib/context";
import type { getMe } from "./me.routes";

export const me: RouteHandler<typeof getMe, AppEnv> = async (c) => {
  const { tenant, session, database } = c.var;
  const [team, organizations] = await Promise.all([
    tenant.teamId ? findTeam(database.db, tenant.orgId, tenant.teamId) : null,
    listUserOrganizations(database.db, session.userId),
  ]);
  return c.json(
    {
      user: {
        id: session.userId,
        email: session.email,
        name: session.name,
        twoFactorEnabled: session.twoFactorEnabled,
      },
      organization: tenant.organization,
      role: tenant.role,
      team,
      organizations,
      requireTwoFactor: tenant.requireTwoFactor,
    },
    200,
  );
};

import type { RouteHandler } from "@hono/zod-openapi";
import { writeAudit } from "@tandem/db/queries/audit";
import { newId } from "@tandem/db/queries/ids";
import { insertTeam, listTeams } from "@tandem/db/queries/teams";
import type { AppEnv } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import { assertRole } from "../../lib/tenant";
import type { createTeamRoute, listTeamsRoute } from "./teams.routes";

export const list: RouteHandler<typeof listTeamsRoute, AppEnv> = async (c) => {
  const rows = await listTeams(c.var.database.db, c.var.tenant.orgId);
  return c.json({ teams: rows.map((t) => ({ ...t, createdAt: t.createdAt.toISOString() })) }, 200);
};

export const create: RouteHandler<typeof createTeamRoute, AppEnv> = async (c) => {
  const { tenant, database } = c.var;
  assertRole(tenant.role, "owner", "manage teams");
  const body = c.req.valid("json");
  const team = await database.db.transaction(async (tx) => {
    const inserted = await insertTeam(tx, tenant.orgId, { id: newId("team"), ...body });
    if (!inserted) {
      throw new ApiError("conflict", `A team named "${body.name}" already exists`, {
        errors: [{ path: "name", message: "is taken by another team" }],
      });
    }
    await writeAudit(
      tx,
      tenant.orgId,
      { kind: "user", id: tenant.userId },
      {
        action: "team.create",
        entity: "team",
        entityId: inserted.id,
        after: inserted,
      },
    );
    return inserted;
  });
  return c.json({ ...team, createdAt: team.createdAt.toISOString() }, 201);
};

import type { RouteHandler } from "@hono/zod-openapi";
import { listAudit } from "@tandem/db/queries/audit";
import type { AppEnv } from "../../lib/context";
import { assertRole } from "../../lib/tenant";
import type { listAuditRoute } from "./audit.routes";

export const list: RouteHandler<typeof listAuditRoute, AppEnv> = async (c) => {
  const { tenant, database } = c.var;
  assertRole(tenant.role, "owner", "read the audit log");
  const { limit, cursor } = c.req.valid("query");
  const rows = await listAudit(database.db, tenant.orgId, {
    limit: limit + 1,
    beforeId: cursor === undefined ? undefined : Number(cursor),
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return c.json(
    {
      entries: page.map((row) => ({
        id: row.id,
        actor: { kind: row.actorKind, id: row.actorId },
        action: row.action,
        entity: row.entity,
        entityId: row.entityId,
        before: row.before,
        after: row.after,
        createdAt: row.createdAt.toISOString(),
      })),
      nextCursor: rows.length > limit && last ? String(last.id) : null,
    },
    200,
  );
};

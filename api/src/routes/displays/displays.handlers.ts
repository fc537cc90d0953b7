import type { RouteHandler } from "@hono/zod-openapi";
import { writeAudit } from "@tandem/db/queries/audit";
import {
  type DisplayRow,
  findDisplay,
  insertDisplay,
  listDisplays,
  revokeDisplay,
} from "@tandem/db/queries/displays";
import { findGoal } from "@tandem/db/queries/goals";
import { newId } from "@tandem/db/queries/ids";
import { publicOrigin } from "../../lib/addresses";
import type { AppEnv } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import { publishChange } from "../../lib/live/publish";
import { pageOf } from "../../lib/page";
import { displayTokenRejected, requireDisplay } from "./display-access";
import { hashDisplayToken, newDisplayToken } from "./display-token";
import type {
  createDisplayRoute,
  displaySummaryRoute,
  listDisplaysRoute,
  revokeDisplayRoute,
} from "./displays.routes";

/** What the audit log keeps of a display: never the token's hash. */
const auditView = ({ tokenHash: _secret, ...rest }: DisplayRow) => rest;

export const create: RouteHandler<typeof createDisplayRoute, AppEnv> = async (c) => {
  const { tenant, database } = c.var;
  const body = c.req.valid("json");
  const goal = await findGoal(database.db, tenant.orgId, body.goalId);
  if (!goal) {
    throw new ApiError("validation_failed", "The goal does not exist in your organization", {
      errors: [{ path: "goalId", message: "no such goal" }],
    });
  }
  const token = newDisplayToken(tenant.orgId);
  const row = await database.db.transaction(async (tx) => {
    const inserted = await insertDisplay(tx, tenant.orgId, {
      id: newId("dsp"),
      name: body.name,
      goalId: goal.id,
      tokenHash: hashDisplayToken(token),
      createdBy: tenant.userId,
    });
    await writeAudit(
      tx,
      tenant.orgId,
      { kind: "user", id: tenant.userId },
      {
        action: "display.create",
        entity: "display",
        entityId: inserted.id,
        after: auditView(inserted),
      },
    );
    return inserted;
  });
  return c.json(
    {
      id: row.id,
      name: row.name,
      goalId: row.goalId,
      token,
      // The address the owner used (or the public URL): what a TV on the same network reaches.
      url: `${publicOrigin(c, c.var.addresses)}/tv/${token}`,
      createdAt: row.createdAt.toISOString(),
    },
    201,
  );
};

export const list: RouteHandler<typeof listDisplaysRoute, AppEnv> = async (c) => {
  const { limit, cursor } = c.req.valid("query");
  const rows = await listDisplays(c.var.database.db, c.var.tenant.orgId, {
    limit: limit + 1,
    afterId: cursor,
  });
  const item = ({ display, goalName }: (typeof rows)[number]) => ({
    id: display.id,
    name: display.name,
    goalId: display.goalId,
    goalName,
    createdBy: display.createdBy,
    createdAt: display.createdAt.toISOString(),
  });
  return c.json(
    pageOf(rows, limit, item, (row) => row.display.id),
    200,
  );
};

export const revoke: RouteHandler<typeof revokeDisplayRoute, AppEnv> = async (c) => {
  const { tenant, database } = c.var;
  const { id } = c.req.valid("param");
  const existing = await findDisplay(database.db, tenant.orgId, id);
  if (!existing) throw new ApiError("not_found", "No such display in your organization");
  const revoked = await database.db.transaction(async (tx) => {
    const row = await revokeDisplay(tx, tenant.orgId, id);
    if (!row) return null;
    await writeAudit(
      tx,
      tenant.orgId,
      { kind: "user", id: tenant.userId },
      {
        action: "display.revoke",
        entity: "display",
        entityId: row.id,
        before: auditView(existing),
        after: auditView(row),
      },
    );
    return row;
  });
  // Every API process closes this display's open streams on the notice.
  if (revoked)
    await publishChange(database, {
      orgId: tenant.orgId,
      kind: "display",
      displayId: id,
      goalId: revoked.goalId,
    });
  return c.body(null, 204);
};

export const summary: RouteHandler<typeof displaySummaryRoute, AppEnv> = async (c) => {
  const { database, live } = c.var;
  const display = await requireDisplay(database, c.req.valid("param").token);
  const result = await live.caches.live(display.orgId, display.goalId);
  if (!result) throw displayTokenRejected();
  c.header("Cache-Control", "no-store");
  return c.json(result, 200);
};

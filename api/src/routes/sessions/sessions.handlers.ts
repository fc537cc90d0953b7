import type { RouteHandler } from "@hono/zod-openapi";
import type { Database } from "@tandem/db";
import { writeAudit } from "@tandem/db/queries/audit";
import {
  deleteUserSessions,
  listUserSessions,
  memberUserId,
  type SessionRow,
} from "@tandem/db/queries/sessions";
import type { AppEnv } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import { publishAccessEnded } from "../../lib/live/publish";
import { assertRole } from "../../lib/tenant";
import { describeDevice } from "./device";
import type {
  endMemberSessionsRoute,
  endOtherSessionsRoute,
  endSessionRoute,
  listMemberSessionsRoute,
  listSessionsRoute,
} from "./sessions.routes";

function sessionView(row: SessionRow, currentId: string) {
  return {
    id: row.id,
    current: row.id === currentId,
    device: describeDevice(row.userAgent),
    ipAddress: row.ipAddress,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.updatedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}

async function announce(database: Database, sessionIds: string[]): Promise<void> {
  if (sessionIds.length > 0)
    await publishAccessEnded(database, { kind: "sessions_ended", sessionIds });
}

export const list: RouteHandler<typeof listSessionsRoute, AppEnv> = async (c) => {
  const { database, session } = c.var;
  const rows = await listUserSessions(database.db, session.userId);
  return c.json({ sessions: rows.map((row) => sessionView(row, session.sessionId)) }, 200);
};

export const end: RouteHandler<typeof endSessionRoute, AppEnv> = async (c) => {
  const { database, session } = c.var;
  const { id } = c.req.valid("param");
  const ended = await deleteUserSessions(database.db, session.userId, [id]);
  if (ended.length === 0) throw new ApiError("not_found", "No such session of yours");
  await announce(database, ended);
  return c.body(null, 204);
};

export const endOthers: RouteHandler<typeof endOtherSessionsRoute, AppEnv> = async (c) => {
  const { database, session } = c.var;
  const others = (await listUserSessions(database.db, session.userId))
    .map((row) => row.id)
    .filter((id) => id !== session.sessionId);
  const ended =
    others.length > 0 ? await deleteUserSessions(database.db, session.userId, others) : [];
  await announce(database, ended);
  return c.json({ ended: ended.length }, 200);
};

export const listOfMember: RouteHandler<typeof listMemberSessionsRoute, AppEnv> = async (c) => {
  const { database, tenant, session } = c.var;
  assertRole(tenant.role, "owner", "see members' sessions");
  const userId = await memberUserId(database.db, tenant.orgId, c.req.valid("param").id);
  if (!userId) throw new ApiError("not_found", "No such member in your organization");
  const rows = await listUserSessions(database.db, userId);
  return c.json({ sessions: rows.map((row) => sessionView(row, session.sessionId)) }, 200);
};

/**
 * A session belongs to the person, not to one organization (they may switch), so signing a
 * member out ends all of their sessions: the only way to be sure they are out of this one.
 */
export const endOfMember: RouteHandler<typeof endMemberSessionsRoute, AppEnv> = async (c) => {
  const { database, tenant } = c.var;
  assertRole(tenant.role, "owner", "sign members out");
  const { id } = c.req.valid("param");
  const ended = await database.db.transaction(async (tx) => {
    const userId = await memberUserId(tx, tenant.orgId, id);
    if (!userId) throw new ApiError("not_found", "No such member in your organization");
    const ids = await deleteUserSessions(tx, userId);
    await writeAudit(
      tx,
      tenant.orgId,
      { kind: "user", id: tenant.userId },
      {
        action: "member.sign_out",
        entity: "member",
        entityId: id,
        after: { sessions: ids.length },
      },
    );
    return ids;
  });
  await announce(database, ended);
  return c.json({ ended: ended.length }, 200);
};

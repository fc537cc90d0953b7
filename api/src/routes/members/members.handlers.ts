import type { RouteHandler } from "@hono/zod-openapi";
import type { Tx } from "@tandem/db";
import { writeAudit } from "@tandem/db/queries/audit";
import { newId } from "@tandem/db/queries/ids";
import {
  countOwners,
  deleteMember,
  findInvitation,
  findMember,
  findMembership,
  findUserByEmail,
  insertInvitation,
  insertMember,
  isRole,
  listMembers,
  listPendingInvitations,
  lockOrganizationMembers,
  markInvitation,
  type Role,
  updateMember,
} from "@tandem/db/queries/members";
import { findTeam } from "@tandem/db/queries/teams";
import type { Context } from "hono";
import { publicOrigin } from "../../lib/addresses";
import { forwardAuthCookies } from "../../lib/auth-request";
import type { AppEnv } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import { publishAccessEnded } from "../../lib/live/publish";
import { invitationMail } from "../../lib/mail/account-mail";
import { describeError } from "../../lib/redact";
import { assertRole } from "../../lib/tenant";
import type {
  acceptInvitationRoute,
  inviteMemberRoute,
  listMembersRoute,
  removeMemberRoute,
  updateMemberRoute,
} from "./members.routes";

const INVITATION_DAYS = 14;

function roleOf(value: string | null): Role {
  return value && isRole(value) ? value : "member";
}

function memberView(
  row: { id: string; userId: string; role: string; teamId: string | null; createdAt: Date },
  person: { name: string; email: string },
) {
  return {
    id: row.id,
    userId: row.userId,
    name: person.name,
    email: person.email,
    role: roleOf(row.role),
    teamId: row.teamId,
    createdAt: row.createdAt.toISOString(),
  };
}

function invitationView(
  c: Context<AppEnv>,
  row: {
    id: string;
    organizationId: string;
    email: string;
    role: string | null;
    teamId: string | null;
    expiresAt: Date;
  },
) {
  // The public URL, else the address the inviter used (what a colleague can reach too).
  const origin = publicOrigin(c, c.var.addresses);
  return {
    id: row.id,
    organizationId: row.organizationId,
    email: row.email,
    role: roleOf(row.role),
    teamId: row.teamId,
    expiresAt: row.expiresAt.toISOString(),
    acceptUrl: `${origin}/invitations/${row.organizationId}/${row.id}`,
  };
}

/**
 * The invitation is recorded whatever happens to its email: a mail server that is down must
 * not lose it, and the owner still has the link to share.
 */
async function mailInvitation(
  c: Context<AppEnv>,
  view: ReturnType<typeof invitationView>,
  expiresAt: Date,
): Promise<"sent" | "outbox" | "failed"> {
  const { mailer, tenant, session } = c.var;
  try {
    await mailer.send(
      invitationMail({
        to: view.email,
        organizationName: tenant.organization.name,
        inviterName: session.name,
        role: view.role,
        acceptUrl: view.acceptUrl,
        expiresAt,
        orgId: tenant.orgId,
      }),
    );
    return mailer.mode === "smtp" ? "sent" : "outbox";
  } catch (error) {
    c.var.logger.warn("could not send an invitation email", {
      requestId: c.var.requestId,
      error: describeError(error),
    });
    return "failed";
  }
}

async function assertTeam(c: Context<AppEnv>, teamId: string | null | undefined): Promise<void> {
  if (!teamId) return;
  if (!(await findTeam(c.var.database.db, c.var.tenant.orgId, teamId))) {
    throw new ApiError("validation_failed", "The team does not exist in your organization", {
      errors: [{ path: "teamId", message: "no such team" }],
    });
  }
}

/**
 * Takes the organization's member lock and checks the caller is still an owner under it:
 * the role read before the lock may be stale when two owners change each other at once.
 */
async function lockOrganizationOwners(c: Context<AppEnv>, tx: Tx, action: string): Promise<void> {
  const { tenant } = c.var;
  await lockOrganizationMembers(tx, tenant.orgId);
  const now = await findMembership(tx, tenant.orgId, tenant.userId);
  assertRole(now?.role ?? "viewer", "owner", action);
}

export const list: RouteHandler<typeof listMembersRoute, AppEnv> = async (c) => {
  const { database, tenant } = c.var;
  const [members, invitations] = await Promise.all([
    listMembers(database.db, tenant.orgId),
    listPendingInvitations(database.db, tenant.orgId),
  ]);
  return c.json(
    {
      members: members.map((m) => memberView(m, m)),
      invitations: invitations.map((i) => invitationView(c, i)),
    },
    200,
  );
};

export const invite: RouteHandler<typeof inviteMemberRoute, AppEnv> = async (c) => {
  const { database, tenant } = c.var;
  assertRole(tenant.role, "owner", "invite members");
  const body = c.req.valid("json");
  await assertTeam(c, body.teamId);
  const actor = { kind: "user" as const, id: tenant.userId };
  // Always an invitation, even for someone with an account: joining needs their consent,
  // and the answer must not tell whether an email has an account here (decision 027).
  const existing = await findUserByEmail(database.db, body.email);
  if (existing && (await findMembership(database.db, tenant.orgId, existing.id))) {
    throw new ApiError("conflict", `${body.email} is already a member`);
  }
  const invitation = await database.db.transaction(async (tx) => {
    const row = await insertInvitation(tx, {
      organizationId: tenant.orgId,
      id: newId("inv"),
      email: body.email,
      role: body.role,
      teamId: body.teamId ?? null,
      inviterId: tenant.userId,
      expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
    });
    await writeAudit(tx, tenant.orgId, actor, {
      action: "member.invite",
      entity: "invitation",
      entityId: row.id,
      after: row,
    });
    return row;
  });
  const view = invitationView(c, invitation);
  const mail = await mailInvitation(c, view, invitation.expiresAt);
  return c.json({ kind: "invitation" as const, invitation: view, mail }, 201);
};

export const update: RouteHandler<typeof updateMemberRoute, AppEnv> = async (c) => {
  const { database, tenant } = c.var;
  assertRole(tenant.role, "owner", "change members");
  const { id } = c.req.valid("param");
  const body = c.req.valid("json");
  await assertTeam(c, body.teamId);
  const row = await database.db.transaction(async (tx) => {
    await lockOrganizationOwners(c, tx, "change members");
    const current = await findMember(tx, tenant.orgId, id);
    if (!current) throw new ApiError("not_found", "No such member in your organization");
    if (
      current.role === "owner" &&
      body.role &&
      body.role !== "owner" &&
      (await countOwners(tx, tenant.orgId)) <= 1
    ) {
      throw new ApiError(
        "conflict",
        "An organization needs at least one owner; make someone else owner first",
      );
    }
    const updated = await updateMember(tx, tenant.orgId, id, {
      ...(body.role && { role: body.role }),
      ...(body.teamId !== undefined && { teamId: body.teamId }),
    });
    if (!updated) throw new ApiError("not_found", "No such member in your organization");
    await writeAudit(
      tx,
      tenant.orgId,
      { kind: "user", id: tenant.userId },
      {
        action: "member.update",
        entity: "member",
        entityId: id,
        before: current,
        after: updated,
      },
    );
    return updated;
  });
  // Every instance forgets the membership it kept, so the new role counts on the next request.
  await publishAccessEnded(database, {
    kind: "member_changed",
    orgId: tenant.orgId,
    userId: row.userId,
  });
  const people = await listMembers(database.db, tenant.orgId);
  const person = people.find((p) => p.id === row.id);
  return c.json(memberView(row, { name: person?.name ?? "", email: person?.email ?? "" }), 200);
};

export const remove: RouteHandler<typeof removeMemberRoute, AppEnv> = async (c) => {
  const { database, tenant } = c.var;
  assertRole(tenant.role, "owner", "remove members");
  const { id } = c.req.valid("param");
  const removed = await database.db.transaction(async (tx) => {
    await lockOrganizationOwners(c, tx, "remove members");
    const current = await findMember(tx, tenant.orgId, id);
    if (!current) throw new ApiError("not_found", "No such member in your organization");
    if (current.role === "owner" && (await countOwners(tx, tenant.orgId)) <= 1) {
      throw new ApiError("conflict", "An organization needs at least one owner");
    }
    await deleteMember(tx, tenant.orgId, id);
    await writeAudit(
      tx,
      tenant.orgId,
      { kind: "user", id: tenant.userId },
      {
        action: "member.remove",
        entity: "member",
        entityId: id,
        before: current,
      },
    );
    return current;
  });
  // Their open streams of this organization close at once, not at their next request.
  await publishAccessEnded(database, {
    kind: "member_removed",
    orgId: tenant.orgId,
    userId: removed.userId,
  });
  return c.body(null, 204);
};

export const accept: RouteHandler<typeof acceptInvitationRoute, AppEnv> = async (c) => {
  const { database, session } = c.var;
  const { organizationId, invitationId } = c.req.valid("json");
  const invitation = await findInvitation(database.db, organizationId, invitationId);
  // Someone else's invitation answers like a missing one.
  if (
    !invitation ||
    invitation.email !== session.email.toLowerCase() ||
    invitation.status !== "pending"
  ) {
    throw new ApiError("not_found", "No pending invitation for your email with this id");
  }
  if (invitation.expiresAt.getTime() < Date.now()) {
    throw new ApiError("not_found", "This invitation has expired; ask for a new one");
  }
  const row = await database.db.transaction(async (tx) => {
    const added = await insertMember(tx, {
      organizationId,
      id: newId("mem"),
      userId: session.userId,
      role: roleOf(invitation.role),
      teamId: invitation.teamId,
    });
    await markInvitation(tx, organizationId, invitationId, "accepted");
    if (!added) throw new ApiError("conflict", "You are already a member of this organization");
    await writeAudit(
      tx,
      organizationId,
      { kind: "user", id: session.userId },
      {
        action: "member.accept",
        entity: "member",
        entityId: added.id,
        after: added,
      },
    );
    return added;
  });
  const { headers } = await c.var.auth.api.setActiveOrganization({
    headers: c.req.raw.headers,
    body: { organizationId },
    returnHeaders: true,
  });
  forwardAuthCookies(c, headers);
  return c.json(memberView(row, { name: session.name, email: session.email }), 200);
};

import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { invitation, member, organization, user } from "../schema/index";

export const roles = ["viewer", "member", "lead", "exec", "owner"] as const;
export type Role = (typeof roles)[number];

export function isRole(value: string): value is Role {
  return roles.some((r) => r === value);
}

export interface Membership {
  memberId: string;
  role: Role;
  teamId: string | null;
  /** The organization asks every member for a second factor. */
  requireTwoFactor: boolean;
  organization: {
    id: string;
    name: string;
    slug: string;
    currency: string;
    timezone: string;
    fiscalStartMonth: number;
  };
}

/** The caller's membership in one organization, or null when they are not a member. */
export async function findMembership(
  db: DbOrTx,
  orgId: string,
  userId: string,
): Promise<Membership | null> {
  const rows = await db
    .select({
      memberId: member.id,
      role: member.role,
      teamId: member.teamId,
      id: organization.id,
      name: organization.name,
      slug: organization.slug,
      currency: organization.currency,
      timezone: organization.timezone,
      fiscalStartMonth: organization.fiscalStartMonth,
      requireTwoFactor: organization.requireTwoFactor,
    })
    .from(member)
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .where(and(eq(member.organizationId, orgId), eq(member.userId, userId)))
    .limit(1);
  const row = rows[0];
  if (!row || !isRole(row.role)) return null;
  return {
    memberId: row.memberId,
    role: row.role,
    teamId: row.teamId,
    requireTwoFactor: row.requireTwoFactor,
    organization: {
      id: row.id,
      name: row.name,
      slug: row.slug,
      currency: row.currency,
      timezone: row.timezone,
      fiscalStartMonth: row.fiscalStartMonth,
    },
  };
}

export function listMembers(db: DbOrTx, orgId: string) {
  return db
    .select({
      id: member.id,
      userId: member.userId,
      role: member.role,
      teamId: member.teamId,
      createdAt: member.createdAt,
      name: user.name,
      email: user.email,
    })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(eq(member.organizationId, orgId))
    .orderBy(asc(user.name));
}

export function listPendingInvitations(db: DbOrTx, orgId: string) {
  return db
    .select()
    .from(invitation)
    .where(and(eq(invitation.organizationId, orgId), eq(invitation.status, "pending")))
    .orderBy(asc(invitation.email));
}

export async function findUserByEmail(db: DbOrTx, email: string) {
  const rows = await db.select().from(user).where(eq(user.email, email.toLowerCase())).limit(1);
  return rows[0] ?? null;
}

export async function findMember(db: DbOrTx, orgId: string, memberId: string) {
  const rows = await db
    .select()
    .from(member)
    .where(and(eq(member.organizationId, orgId), eq(member.id, memberId)))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Locks the organization's row until the transaction ends, so two owners demoting or
 * removing each other at the same moment run one after the other and the second sees the
 * first's change when it counts owners (a plain read under READ COMMITTED would not).
 */
export async function lockOrganizationMembers(tx: DbOrTx, orgId: string): Promise<void> {
  await tx
    .select({ id: organization.id })
    .from(organization)
    .where(eq(organization.id, orgId))
    .for("update");
}

export async function countOwners(db: DbOrTx, orgId: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(member)
    .where(and(eq(member.organizationId, orgId), eq(member.role, "owner")));
  return rows[0]?.n ?? 0;
}

export async function insertMember(
  tx: DbOrTx,
  values: { organizationId: string; id: string; userId: string; role: Role; teamId: string | null },
) {
  const [row] = await tx.insert(member).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function updateMember(
  tx: DbOrTx,
  orgId: string,
  memberId: string,
  changes: { role?: Role; teamId?: string | null },
) {
  const [row] = await tx
    .update(member)
    .set(changes)
    .where(and(eq(member.organizationId, orgId), eq(member.id, memberId)))
    .returning();
  return row ?? null;
}

export async function deleteMember(tx: DbOrTx, orgId: string, memberId: string) {
  const [row] = await tx
    .delete(member)
    .where(and(eq(member.organizationId, orgId), eq(member.id, memberId)))
    .returning();
  return row ?? null;
}

export async function insertInvitation(
  tx: DbOrTx,
  values: {
    organizationId: string;
    id: string;
    email: string;
    role: Role;
    teamId: string | null;
    inviterId: string;
    expiresAt: Date;
  },
) {
  const [row] = await tx
    .insert(invitation)
    .values({ ...values, status: "pending" })
    .returning();
  if (!row) throw new Error("insert returned no invitation");
  return row;
}

export async function findInvitation(db: DbOrTx, orgId: string, id: string) {
  const rows = await db
    .select()
    .from(invitation)
    .where(and(eq(invitation.organizationId, orgId), eq(invitation.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

export async function markInvitation(
  tx: DbOrTx,
  orgId: string,
  id: string,
  status: "accepted" | "canceled",
) {
  await tx
    .update(invitation)
    .set({ status })
    .where(and(eq(invitation.organizationId, orgId), eq(invitation.id, id)));
}

/** The organization a new session starts in: the user's earliest membership. */
export async function defaultOrganizationId(db: DbOrTx, userId: string): Promise<string | null> {
  const rows = await db
    .select({ id: member.organizationId })
    .from(member)
    .where(eq(member.userId, userId))
    .orderBy(asc(member.createdAt))
    .limit(1);
  return rows[0]?.id ?? null;
}

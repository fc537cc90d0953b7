import { and, desc, eq, gt, inArray } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { member, session } from "../schema/index";

/** What a person sees of one of their sessions; the token never leaves the database. */
export interface SessionRow {
  id: string;
  createdAt: Date;
  /** Last seen: better-auth refreshes it when it extends the session. */
  updatedAt: Date;
  expiresAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
}

const sessionColumns = {
  id: session.id,
  createdAt: session.createdAt,
  updatedAt: session.updatedAt,
  expiresAt: session.expiresAt,
  ipAddress: session.ipAddress,
  userAgent: session.userAgent,
};

/** A user's live sessions, most recently seen first. */
export function listUserSessions(db: DbOrTx, userId: string, now = new Date()) {
  return db
    .select(sessionColumns)
    .from(session)
    .where(and(eq(session.userId, userId), gt(session.expiresAt, now)))
    .orderBy(desc(session.updatedAt), desc(session.createdAt));
}

/** True while the session exists and has not expired: a stream re-checks it once open. */
export async function isSessionLive(db: DbOrTx, sessionId: string, now = new Date()) {
  const rows = await db
    .select({ id: session.id })
    .from(session)
    .where(and(eq(session.id, sessionId), gt(session.expiresAt, now)))
    .limit(1);
  return rows.length > 0;
}

/**
 * Ends sessions of one user (`sessionIds` absent: all of them) and returns the ids ended,
 * so the caller can close their streams.
 */
export async function deleteUserSessions(
  tx: DbOrTx,
  userId: string,
  sessionIds?: readonly string[],
): Promise<string[]> {
  const where = sessionIds
    ? and(eq(session.userId, userId), inArray(session.id, [...sessionIds]))
    : eq(session.userId, userId);
  const rows = await tx.delete(session).where(where).returning({ id: session.id });
  return rows.map((row) => row.id);
}

/** The user behind a member of the organization, or null when no such member. */
export async function memberUserId(db: DbOrTx, orgId: string, memberId: string) {
  const rows = await db
    .select({ userId: member.userId })
    .from(member)
    .where(and(eq(member.organizationId, orgId), eq(member.id, memberId)))
    .limit(1);
  return rows[0]?.userId ?? null;
}

import { and, asc, desc, eq, gte, inArray, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import {
  type ChatKind,
  chatChannels,
  deals,
  goalWatch,
  type NotificationKind,
  notificationPreferences,
  notifications,
  organization,
  orgOrigins,
} from "../schema/index";

export type NotificationRow = typeof notifications.$inferSelect;
export type ChatChannelRow = typeof chatChannels.$inferSelect;

export interface NewNotification {
  key: string;
  kind: NotificationKind;
  userId: string | null;
  channelId: string | null;
  message: unknown;
  refs?: Record<string, unknown>;
  /**
   * "sent" for a marker that goes to nobody: an event already true at the first look (a key
   * result hit before alerts were watched), recorded so it is never announced as news.
   */
  status?: "pending" | "sent";
}

/** Every organization the scheduler serves: read once per tick, one small reference table. */
export function listOrganizationsToSchedule(db: DbOrTx) {
  return db
    .select({ id: organization.id, name: organization.name, timezone: organization.timezone })
    .from(organization)
    .orderBy(asc(organization.id));
}

/**
 * Plans messages; a key that exists already (planned by another instance, or before a
 * restart) inserts nothing. Returns the keys this call inserted.
 */
export async function planNotifications(
  db: DbOrTx,
  orgId: string,
  rows: NewNotification[],
  now: Date,
): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insert(notifications)
    .values(
      rows.map((row) => ({
        orgId,
        key: row.key,
        kind: row.kind,
        userId: row.userId,
        channelId: row.channelId,
        message: row.message,
        refs: row.refs ?? {},
        status: row.status ?? "pending",
        sentAt: row.status === "sent" ? now : null,
        nextAttemptAt: now,
        createdAt: now,
      })),
    )
    .onConflictDoNothing()
    .returning({ key: notifications.key });
  return inserted.map((r) => r.key);
}

/** Which of these keys are planned already. */
export async function existingKeys(
  db: DbOrTx,
  orgId: string,
  keys: string[],
): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .select({ key: notifications.key })
    .from(notifications)
    .where(and(eq(notifications.orgId, orgId), inArray(notifications.key, keys)));
  return new Set(rows.map((r) => r.key));
}

/**
 * Claims up to `limit` messages that are due (pending and their time has come, or claimed by
 * an instance whose lease ran out: it stopped mid-send). SKIP LOCKED lets two instances claim
 * at once without waiting for or taking each other's rows.
 */
export async function claimDueNotifications(
  db: DbOrTx,
  orgId: string,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<NotificationRow[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ key: notifications.key })
      .from(notifications)
      .where(
        and(
          eq(notifications.orgId, orgId),
          or(
            and(eq(notifications.status, "pending"), lte(notifications.nextAttemptAt, now)),
            and(eq(notifications.status, "sending"), lte(notifications.leaseUntil, now)),
          ),
        ),
      )
      .orderBy(asc(notifications.createdAt), asc(notifications.key))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(notifications)
      .set({ status: "sending", leaseUntil, attempts: sql`${notifications.attempts} + 1` })
      .where(
        and(
          eq(notifications.orgId, orgId),
          inArray(
            notifications.key,
            due.map((d) => d.key),
          ),
        ),
      )
      .returning();
  });
}

export async function markNotificationSent(db: DbOrTx, orgId: string, key: string, now: Date) {
  await db
    .update(notifications)
    .set({ status: "sent", sentAt: now, leaseUntil: null, lastError: null })
    .where(and(eq(notifications.orgId, orgId), eq(notifications.key, key)));
}

/** A failed attempt: tried again at `retryAt`, or given up (status failed) when null. */
export async function markNotificationFailed(
  db: DbOrTx,
  orgId: string,
  key: string,
  error: string,
  retryAt: Date | null,
) {
  await db
    .update(notifications)
    .set({
      status: retryAt ? "pending" : "failed",
      nextAttemptAt: retryAt ?? sql`${notifications.nextAttemptAt}`,
      leaseUntil: null,
      lastError: error.slice(0, 500),
    })
    .where(and(eq(notifications.orgId, orgId), eq(notifications.key, key)));
}

/** Email reminders about one key result planned after `since` (its last check-in) and before `before`. */
export async function countRemindersSince(
  db: DbOrTx,
  orgId: string,
  keyResultId: string,
  since: Date,
  before: Date,
): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(notifications)
    .where(
      and(
        eq(notifications.orgId, orgId),
        eq(notifications.kind, "reminder"),
        sql`${notifications.createdAt} > ${since.toISOString()}`,
        sql`${notifications.createdAt} < ${before.toISOString()}`,
        sql`${notifications.userId} is not null`,
        sql`${notifications.refs} @> ${JSON.stringify({ keyResultIds: [keyResultId] })}::jsonb`,
      ),
    );
  return row?.n ?? 0;
}

/** The newest messages of a channel, for Settings (what was sent, what failed and why). */
export function recentChannelNotifications(db: DbOrTx, orgId: string, limit: number) {
  return db
    .select({
      key: notifications.key,
      kind: notifications.kind,
      channelId: notifications.channelId,
      status: notifications.status,
      attempts: notifications.attempts,
      lastError: notifications.lastError,
      createdAt: notifications.createdAt,
      sentAt: notifications.sentAt,
    })
    .from(notifications)
    .where(and(eq(notifications.orgId, orgId), sql`${notifications.channelId} is not null`))
    .orderBy(desc(notifications.createdAt), asc(notifications.key))
    .limit(limit);
}

export interface Preferences {
  reminders: boolean;
  digest: boolean;
  alerts: boolean;
}

export const DEFAULT_PREFERENCES: Preferences = { reminders: true, digest: true, alerts: true };

export async function listPreferences(
  db: DbOrTx,
  orgId: string,
): Promise<Map<string, Preferences>> {
  const rows = await db
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.orgId, orgId));
  return new Map(
    rows.map((r) => [r.userId, { reminders: r.reminders, digest: r.digest, alerts: r.alerts }]),
  );
}

export async function findPreferences(
  db: DbOrTx,
  orgId: string,
  userId: string,
): Promise<Preferences> {
  const [row] = await db
    .select()
    .from(notificationPreferences)
    .where(
      and(eq(notificationPreferences.orgId, orgId), eq(notificationPreferences.userId, userId)),
    );
  return row
    ? { reminders: row.reminders, digest: row.digest, alerts: row.alerts }
    : DEFAULT_PREFERENCES;
}

export async function savePreferences(
  db: DbOrTx,
  orgId: string,
  userId: string,
  changes: Partial<Preferences>,
): Promise<Preferences> {
  const merged = { ...(await findPreferences(db, orgId, userId)), ...changes };
  await db
    .insert(notificationPreferences)
    .values({ orgId, userId, ...merged })
    .onConflictDoUpdate({
      target: [notificationPreferences.orgId, notificationPreferences.userId],
      set: { ...changes, updatedAt: new Date() },
    });
  return findPreferences(db, orgId, userId);
}

export function listChatChannels(db: DbOrTx, orgId: string) {
  return db
    .select()
    .from(chatChannels)
    .where(eq(chatChannels.orgId, orgId))
    .orderBy(asc(chatChannels.createdAt), asc(chatChannels.id));
}

export async function findChatChannel(
  db: DbOrTx,
  orgId: string,
  id: string,
): Promise<ChatChannelRow | null> {
  const [row] = await db
    .select()
    .from(chatChannels)
    .where(and(eq(chatChannels.orgId, orgId), eq(chatChannels.id, id)));
  return row ?? null;
}

export async function insertChatChannel(
  db: DbOrTx,
  row: {
    orgId: string;
    id: string;
    kind: ChatKind;
    name: string;
    urlCiphertext: string;
    urlMask: string;
    reminders: boolean;
    digest: boolean;
    alerts: boolean;
    createdBy: string;
  },
): Promise<ChatChannelRow> {
  const [inserted] = await db.insert(chatChannels).values(row).returning();
  if (!inserted) throw new Error("chat channel insert returned nothing");
  return inserted;
}

export async function deleteChatChannel(db: DbOrTx, orgId: string, id: string): Promise<boolean> {
  const deleted = await db
    .delete(chatChannels)
    .where(and(eq(chatChannels.orgId, orgId), eq(chatChannels.id, id)))
    .returning({ id: chatChannels.id });
  return deleted.length > 0;
}

export async function recordChannelResult(
  db: DbOrTx,
  orgId: string,
  id: string,
  result: { ok: true; at: Date } | { ok: false; at: Date; error: string },
) {
  await db
    .update(chatChannels)
    .set(
      result.ok
        ? { lastSuccessAt: result.at }
        : { lastFailureAt: result.at, lastError: result.error.slice(0, 500) },
    )
    .where(and(eq(chatChannels.orgId, orgId), eq(chatChannels.id, id)));
}

export async function findGoalWatch(db: DbOrTx, orgId: string, goalId: string) {
  const [row] = await db
    .select()
    .from(goalWatch)
    .where(and(eq(goalWatch.orgId, orgId), eq(goalWatch.goalId, goalId)));
  return row ?? null;
}

/**
 * Moves the watched status from `from` to `to`; false when another instance moved it first
 * (so only one of them plans the alert). `from` null: the first look at this goal.
 */
export async function moveGoalWatch(
  db: DbOrTx,
  orgId: string,
  goalId: string,
  from: string | null,
  to: string,
  now: Date,
): Promise<boolean> {
  if (from === null) {
    const inserted = await db
      .insert(goalWatch)
      .values({ orgId, goalId, status: to, watchedSince: now, updatedAt: now })
      .onConflictDoNothing()
      .returning({ goalId: goalWatch.goalId });
    return inserted.length > 0;
  }
  const updated = await db
    .update(goalWatch)
    .set({ status: to, updatedAt: now })
    .where(
      and(eq(goalWatch.orgId, orgId), eq(goalWatch.goalId, goalId), eq(goalWatch.status, from)),
    )
    .returning({ goalId: goalWatch.goalId });
  return updated.length > 0;
}

export async function findOrgOrigin(db: DbOrTx, orgId: string): Promise<string | null> {
  const [row] = await db.select().from(orgOrigins).where(eq(orgOrigins.orgId, orgId));
  return row?.origin ?? null;
}

export async function saveOrgOrigin(db: DbOrTx, orgId: string, origin: string, now: Date) {
  await db
    .insert(orgOrigins)
    .values({ orgId, origin, seenAt: now })
    .onConflictDoUpdate({ target: orgOrigins.orgId, set: { origin, seenAt: now } });
}

/**
 * Deals of at least `minAmount` (minor units) that arrived as won since `since`, closed in the
 * week before it or later (a CRM syncs a win hours after it closed), largest first.
 */
export function bigWinsSince(db: DbOrTx, orgId: string, since: Date, minAmount: number) {
  const weekBefore = new Date(since.getTime() - 7 * 86_400_000);
  return db
    .select({
      externalId: deals.externalId,
      amount: deals.amount,
      owner: deals.owner,
      closedAt: deals.closedAt,
    })
    .from(deals)
    .where(
      and(
        eq(deals.orgId, orgId),
        gte(deals.closedAt, weekBefore),
        gte(deals.updatedAt, since),
        eq(deals.status, "won"),
        gte(deals.amount, minAmount),
      ),
    )
    .orderBy(desc(deals.amount))
    .limit(20);
}

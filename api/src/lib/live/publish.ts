import type { Database } from "@tandem/db";

/** The one PostgreSQL channel every API process listens on. */
export const CHANGES_CHANNEL = "tandem_changes";

export const changeKinds = [
  "check_in",
  "ingest",
  "goal",
  "key_result",
  "feedback",
  "display",
  "forecast_call",
] as const;
export type ChangeKind = (typeof changeKinds)[number];

export function isChangeKind(value: string): value is ChangeKind {
  return changeKinds.some((kind) => kind === value);
}

export interface ChangeNotice {
  orgId: string;
  kind: ChangeKind;
  /** Set when the change concerns one goal; absent means any goal of the organization. */
  goalId?: string;
  /** Set when a display was revoked: its streams close. */
  displayId?: string;
}

/**
 * Access ended: the streams it opened close in every API process. A session ends by
 * sign-out, by its owner or an organization owner ending it; a membership by removal.
 */
export type AccessNotice =
  | { kind: "sessions_ended"; sessionIds: string[] }
  | { kind: "member_removed"; orgId: string; userId: string }
  /**
   * A role or team changed, or without userId the organization's sign-in policy: the
   * memberships kept in memory (lib/live/read-caches.ts) go.
   */
  | { kind: "member_changed"; orgId: string; userId?: string };

type LocalListener = (notice: ChangeNotice | AccessNotice) => void;
const localListeners = new Set<LocalListener>();

/**
 * This process's own notices, delivered at once: a request that follows its own change on the
 * same instance never waits for the notice to come back through PostgreSQL to see it.
 */
export function onLocalNotice(listener: LocalListener): () => void {
  localListeners.add(listener);
  return () => localListeners.delete(listener);
}

function deliverLocally(notice: ChangeNotice | AccessNotice): void {
  for (const listener of localListeners) listener(notice);
}

/** Ids per notice: PostgreSQL caps a NOTIFY payload at 8000 bytes. */
const SESSION_IDS_PER_NOTICE = 100;

/** Like publishChange, for ended or changed access; sessions go in chunks that fit a payload. */
export async function publishAccessEnded(database: Database, notice: AccessNotice): Promise<void> {
  deliverLocally(notice);
  const payloads: AccessNotice[] = [];
  if (notice.kind === "sessions_ended") {
    for (let i = 0; i < notice.sessionIds.length; i += SESSION_IDS_PER_NOTICE) {
      const sessionIds = notice.sessionIds.slice(i, i + SESSION_IDS_PER_NOTICE);
      payloads.push({ kind: "sessions_ended", sessionIds });
    }
  } else payloads.push(notice);
  for (const payload of payloads) {
    try {
      await database.notify(CHANGES_CHANNEL, JSON.stringify(payload));
    } catch {
      // The session is gone from the database: the stream's next request is refused anyway.
    }
  }
}

/**
 * Tells every API process (LISTEN/NOTIFY) that an organization's numbers changed. Payloads
 * carry ids only; listeners recompute. Call after the transaction commits; a failed notify
 * only delays a screen until its next change, so it is logged, never thrown.
 */
export async function publishChange(database: Database, notice: ChangeNotice): Promise<void> {
  deliverLocally(notice);
  try {
    await database.notify(CHANGES_CHANNEL, JSON.stringify(notice));
  } catch {
    // The data is committed; live screens catch up on the next change or reconnect.
  }
}

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
 * Tells every API process (LISTEN/NOTIFY) that an organization's numbers changed. Payloads
 * carry ids only; listeners recompute. Call after the transaction commits; a failed notify
 * only delays a screen until its next change, so it is logged, never thrown.
 */
export async function publishChange(database: Database, notice: ChangeNotice): Promise<void> {
  try {
    await database.notify(CHANGES_CHANNEL, JSON.stringify(notice));
  } catch {
    // The data is committed; live screens catch up on the next change or reconnect.
  }
}

import {
  existingKeys,
  type NewNotification,
  planNotifications,
} from "@tandem/db/queries/notifications";
import type { OrgContext } from "./org-context";

/** A message that may be due: its key, and how to render it from what `prepare` computed. */
export interface Candidate<T> {
  key: string;
  build: (prepared: T) => Omit<NewNotification, "key">;
}

/**
 * Plans the candidates whose keys are new. `prepare` (the digest's figures) and rendering run
 * only when some key is missing, so a tick where everything is planned costs one indexed
 * lookup; the insert still skips keys another instance planned in between.
 */
export async function planMissing<T>(
  context: OrgContext,
  candidates: Candidate<T>[],
  prepare: () => T | Promise<T>,
): Promise<number> {
  if (candidates.length === 0) return 0;
  const known = await existingKeys(
    context.db,
    context.org.id,
    candidates.map((c) => c.key),
  );
  const missing = candidates.filter((c) => !known.has(c.key));
  if (missing.length === 0) return 0;
  const prepared = await prepare();
  const rows = missing.map((c) => ({ ...c.build(prepared), key: c.key }));
  return (await planNotifications(context.db, context.org.id, rows, context.now)).length;
}

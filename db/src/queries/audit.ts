import { and, desc, eq, lt } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { auditLog } from "../schema/index";

export interface Actor {
  kind: "user" | "api_key" | "system";
  id: string;
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Call inside the transaction of the change, so the log and the data never disagree. */
export async function writeAudit(
  tx: DbOrTx,
  orgId: string,
  actor: Actor,
  entry: AuditEntry,
): Promise<void> {
  await tx.insert(auditLog).values({
    orgId,
    actorKind: actor.kind,
    actorId: actor.id,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

/** Newest first, paged by the id of the last row seen. */
export function listAudit(
  db: DbOrTx,
  orgId: string,
  options: { limit: number; beforeId?: number },
) {
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.orgId, orgId),
        options.beforeId === undefined ? undefined : lt(auditLog.id, options.beforeId),
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(options.limit);
}

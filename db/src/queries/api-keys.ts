import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../client";
import { apiKeys, organization } from "../schema/index";
import { type Actor, writeAudit } from "./audit";

/** Time-ordered ids (`key_` + time + randomness), so listing pages by id in creation order. */
function newKeyId(): string {
  return `key_${Date.now().toString(36).padStart(9, "0")}${randomBytes(8).toString("hex")}`;
}

const publicColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  scope: apiKeys.scope,
  prefix: apiKeys.prefix,
  createdBy: apiKeys.createdBy,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

export interface NewApiKey {
  name: string;
  scope: "ingest";
  /** The start of the token, shown in lists so people can tell keys apart. */
  prefix: string;
  /** SHA-256 of the secret part of the token; the token itself is never stored. */
  secretHash: string;
}

export async function createApiKey(db: Db, orgId: string, key: NewApiKey, actor: Actor) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .insert(apiKeys)
      .values({ orgId, id: newKeyId(), ...key, createdBy: actor.id })
      .returning(publicColumns);
    const row = rows[0];
    if (!row) throw new Error("the API key was not stored");
    await writeAudit(tx, orgId, actor, {
      action: "create",
      entity: "api_key",
      entityId: row.id,
      after: { name: row.name, scope: row.scope, prefix: row.prefix },
    });
    return row;
  });
}

/** Newest first, revoked keys included (with revokedAt), paged by the last id seen. */
export function listApiKeys(
  db: DbOrTx,
  orgId: string,
  options: { limit: number; beforeId?: string },
) {
  return db
    .select(publicColumns)
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.orgId, orgId),
        options.beforeId === undefined ? undefined : lt(apiKeys.id, options.beforeId),
      ),
    )
    .orderBy(desc(apiKeys.id))
    .limit(options.limit);
}

/**
 * Revokes a key at once: the next request with it is refused. Revoking twice is a no-op;
 * another organization's key is "not_found", exactly like a key that does not exist.
 */
export async function revokeApiKey(
  db: Db,
  orgId: string,
  id: string,
  actor: Actor,
): Promise<"revoked" | "already_revoked" | "not_found"> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning({ name: apiKeys.name, prefix: apiKeys.prefix });
    const row = rows[0];
    if (!row) {
      const existing = await tx
        .select({ id: apiKeys.id })
        .from(apiKeys)
        .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, id)))
        .limit(1);
      return existing.length > 0 ? "already_revoked" : "not_found";
    }
    await writeAudit(tx, orgId, actor, {
      action: "revoke",
      entity: "api_key",
      entityId: id,
      before: { name: row.name, prefix: row.prefix },
    });
    return "revoked";
  });
}

/** The active key with this secret hash in this organization, with what ingest needs to know. */
export async function findActiveApiKey(db: DbOrTx, orgId: string, secretHash: string) {
  const rows = await db
    .select({
      id: apiKeys.id,
      scope: apiKeys.scope,
      lastUsedAt: apiKeys.lastUsedAt,
      currency: organization.currency,
      timezone: organization.timezone,
    })
    .from(apiKeys)
    .innerJoin(organization, eq(organization.id, apiKeys.orgId))
    .where(
      and(eq(apiKeys.orgId, orgId), eq(apiKeys.secretHash, secretHash), isNull(apiKeys.revokedAt)),
    )
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Records that a key was used. At most one write a minute per key, so a busy integration does
 * not turn every batch into an extra row version of its key.
 */
export async function touchApiKey(db: DbOrTx, orgId: string, id: string): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.orgId, orgId),
        eq(apiKeys.id, id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`)),
      ),
    );
}

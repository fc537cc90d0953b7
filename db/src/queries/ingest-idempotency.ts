import { and, eq, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { idempotencyKeys } from "../schema/index";
import type { IngestCounts } from "./ingest";

/** How long a key is remembered: a day, as payment APIs keep theirs. */
const KEY_LIFETIME = sql`interval '24 hours'`;

const isCounts = (value: unknown): value is IngestCounts =>
  typeof value === "object" &&
  value !== null &&
  ["inserted", "updated", "unchanged", "unknownLeads", "linkedDeals"].every(
    (key) => typeof Reflect.get(value, key) === "number",
  );

/** The answer stored for a key, if it was used in the last day. */
export async function storedAnswer(
  tx: DbOrTx,
  orgId: string,
  key: string,
): Promise<{ requestHash: string; counts: IngestCounts } | null> {
  const rows = await tx
    .select({ requestHash: idempotencyKeys.requestHash, response: idempotencyKeys.response })
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.orgId, orgId),
        eq(idempotencyKeys.key, key),
        sql`${idempotencyKeys.createdAt} > now() - ${KEY_LIFETIME}`,
      ),
    )
    .limit(1);
  const row = rows[0];
  if (!row || !isCounts(row.response)) return null;
  return { requestHash: row.requestHash, counts: row.response };
}

/** Stores the answer in the ingest's own transaction, so it exists exactly when the write does. */
export async function storeAnswer(
  tx: DbOrTx,
  orgId: string,
  idempotency: { key: string; requestHash: string },
  counts: IngestCounts,
): Promise<void> {
  // Keys past their day are forgotten here, so the table holds one day of each organization.
  await tx
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.orgId, orgId),
        lt(idempotencyKeys.createdAt, sql`now() - ${KEY_LIFETIME}`),
      ),
    );
  await tx
    .insert(idempotencyKeys)
    .values({
      orgId,
      key: idempotency.key,
      requestHash: idempotency.requestHash,
      status: 200,
      response: counts,
    })
    .onConflictDoUpdate({
      target: [idempotencyKeys.orgId, idempotencyKeys.key],
      set: {
        requestHash: idempotency.requestHash,
        response: counts,
        // The inserted row's default, not now() again: Citus refuses volatile calls in DO UPDATE.
        createdAt: sql`excluded.created_at`,
      },
    });
}

import { sql } from "drizzle-orm";
import { check, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { orgId } from "./org-id";

export const archivedKinds = ["leads", "deals", "touchpoints"] as const;

/**
 * Facts archived because they were deleted or merged away in the CRM. The fact leaves its table
 * (so nothing that reads facts or rollups has to know about archiving) and waits here, as the
 * record ingest would take it, until a resend of its external id brings it back.
 */
export const archivedFacts = pgTable(
  "archived_facts",
  {
    orgId: orgId(),
    kind: text("kind", { enum: archivedKinds }).notNull(),
    externalId: text("external_id").notNull(),
    record: jsonb("record").notNull(),
    archivedAt: timestamp("archived_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.kind, t.externalId] })],
);

/**
 * The answers of ingest requests sent with an Idempotency-Key, written in the transaction of
 * the ingest itself: a retry with the same key gets the stored answer, never a second write.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    orgId: orgId(),
    key: text("key").notNull(),
    /** What the key was first used for: method, path, query and a digest of the body. */
    requestHash: text("request_hash").notNull(),
    status: integer("status").notNull(),
    response: jsonb("response").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.key] }),
    check("idempotency_keys_key_length", sql`length(${t.key}) between 1 and 255`),
  ],
);

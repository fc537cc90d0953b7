import { index, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, timestamptz } from "./columns";
import { orgId } from "./org-id";

export const apiKeyScopes = ["ingest"] as const;

/** The secret is never stored: only its SHA-256. The token carries the org id so lookups stay per tenant. */
export const apiKeys = pgTable(
  "api_keys",
  {
    orgId: orgId(),
    id: text("id").notNull(),
    name: text("name").notNull(),
    scope: text("scope", { enum: apiKeyScopes }).notNull().default("ingest"),
    prefix: text("prefix").notNull(),
    secretHash: text("secret_hash").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamptz("last_used_at"),
    revokedAt: timestamptz("revoked_at"),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("api_keys_org_hash_idx").on(t.orgId, t.secretHash),
  ],
);

/** Read-only access to one goal for an all-hands screen. */
export const displays = pgTable(
  "displays",
  {
    orgId: orgId(),
    id: text("id").notNull(),
    name: text("name").notNull(),
    goalId: text("goal_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
    revokedAt: timestamptz("revoked_at"),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("displays_org_hash_idx").on(t.orgId, t.tokenHash),
    index("displays_org_goal_idx").on(t.orgId, t.goalId),
  ],
);

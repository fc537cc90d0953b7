import { index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns";

export const signInLimitScopes = ["account_address", "address"] as const;

/**
 * Sign-in attempts per account and address, and per address alone, counted in the database
 * so every API process shares them and a restart forgets nothing. Not per organization: a
 * sign-in happens before anyone is in one. `key` is "email|address" or the address.
 */
export const signInLimits = pgTable(
  "sign_in_limits",
  {
    scope: text("scope", { enum: signInLimitScopes }).notNull(),
    key: text("key").notNull(),
    attempts: integer("attempts").notNull(),
    /** The end of the window, or of the lock once the limit is reached. */
    resetsAt: timestamptz("resets_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.key] }),
    index("sign_in_limits_resets_at_idx").on(t.resetsAt),
  ],
);

import { bigint, integer, timestamp } from "drizzle-orm/pg-core";

/** Money is stored as integer minor units; number mode is exact up to 2^53 (90 trillion major units). */
export const money = (name: string) => bigint(name, { mode: "number" });

export const createdAt = () =>
  timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true });

/** Optimistic concurrency: PATCH and check-ins send it back in If-Match. */
export const version = () => integer("version").notNull().default(1);

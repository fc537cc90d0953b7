import { fileURLToPath } from "node:url";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgresJs } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { isDistributed } from "./citus/distribute";
import { migrateCitus } from "./citus/migrate";
import type { Schema } from "./client";
import { postgresOptions } from "./postgres-options";

export const migrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url));

/** An arbitrary constant: the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK = 7_263_001;

/**
 * Two API processes starting at once must not both apply the same migration: the first takes
 * a session-level advisory lock on a reserved connection, the second waits, then finds
 * nothing left to do.
 */
export async function migratePostgres(
  db: PostgresJsDatabase<Schema>,
  url: string,
  folder = migrationsFolder,
): Promise<void> {
  // Its own connection, so the pool (maybe of size 1) stays free for the migration itself.
  const lock = postgres(url, { ...postgresOptions, max: 1 });
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
    // Once distributed on Citus, new tables must be placed as they are created (decision 057).
    if (await isDistributed(lock)) await migrateCitus(lock, folder);
    else await migratePostgresJs(db, { migrationsFolder: folder });
  } finally {
    await lock.end();
  }
}

/** PGlite runs in this process only, so there is nobody to race with. */
export async function migrateEmbedded(db: PgliteDatabase<Schema>): Promise<void> {
  await migratePglite(db, { migrationsFolder });
}

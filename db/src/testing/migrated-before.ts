import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres, { type Sql } from "postgres";
import { migratePostgres, migrationsFolder } from "../migrate";
import { postgresOptions } from "../postgres-options";
import * as schema from "../schema/index";
import { createServerDatabase, databaseUrl, dropServerDatabase } from "./template";

/** The migrations before `tag`, in a folder of their own. */
function migrationsBefore(tag: string): string {
  const folder = mkdtempSync(join(tmpdir(), "tandem-migrations-"));
  mkdirSync(join(folder, "meta"));
  const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta/_journal.json"), "utf8"));
  const index = journal.entries.findIndex((e: { tag: string }) => e.tag === tag);
  if (index < 0) throw new Error(`no migration ${tag}`);
  journal.entries = journal.entries.slice(0, index);
  writeFileSync(join(folder, "meta/_journal.json"), JSON.stringify(journal));
  for (const entry of journal.entries as { tag: string }[])
    copyFileSync(join(migrationsFolder, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
  return folder;
}

export interface OlderStore {
  sql: Sql;
  db: PostgresJsDatabase<typeof schema>;
  /** Applies the remaining migrations, `tag` first, as an upgrade does. */
  migrateRest(): Promise<void>;
}

/**
 * A fresh server database migrated up to just before `tag`, for a test of what that migration
 * does to data stored before it; dropped afterwards.
 */
export async function withStoreBefore(
  serverUrl: string,
  tag: string,
  test: (store: OlderStore) => Promise<void>,
): Promise<void> {
  const name = `tandem_migrate_${randomBytes(5).toString("hex")}`;
  await createServerDatabase(serverUrl, name);
  const url = databaseUrl(serverUrl, name);
  const older = migrationsBefore(tag);
  const sql = postgres(url, { ...postgresOptions, max: 1 });
  const db = drizzle({ client: sql, schema });
  try {
    await migratePostgres(db, url, older);
    await test({ sql, db, migrateRest: () => migratePostgres(db, url) });
  } finally {
    await sql.end();
    await dropServerDatabase(serverUrl, name);
    rmSync(older, { recursive: true, force: true });
  }
}

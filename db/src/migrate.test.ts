import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { createDb } from "./client";
import { migrationsFolder } from "./migrate";
import * as schema from "./schema/index";
import { createServerDatabase, databaseUrl, dropServerDatabase } from "./testing/template";

/** Every table the code declares: a migration that forgets one fails here. */
const declaredTables = Object.values(schema)
  .filter((value) => is(value, PgTable))
  .map((table) => getTableName(table))
  .sort();

const migrationFiles = readdirSync(migrationsFolder).filter((f) => f.endsWith(".sql")).length;

async function tableNames(database: ReturnType<typeof createDb>): Promise<string[]> {
  const rows = await database.db
    .select({ name: sql<string>`table_name` })
    .from(sql`information_schema.tables`)
    .where(sql`table_schema = 'public'`);
  return rows.map((r) => r.name).sort();
}

/** The public schema's shape, column by column, to see a second run change nothing. */
async function columns(database: ReturnType<typeof createDb>): Promise<string[]> {
  const rows = await database.db
    .select({
      column: sql<string>`table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable`,
    })
    .from(sql`information_schema.columns`)
    .where(sql`table_schema = 'public'`);
  return rows.map((r) => r.column).sort();
}

async function appliedMigrations(database: ReturnType<typeof createDb>): Promise<number> {
  const rows = await database.db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(sql`drizzle.__drizzle_migrations`);
  return rows[0]?.n ?? 0;
}

describe("migrations", () => {
  it("create every declared table on the embedded database, and a second run is a no-op", async () => {
    expect(declaredTables.length).toBeGreaterThan(0);
    const database = createDb({});
    try {
      await database.migrate();
      expect(await tableNames(database)).toEqual(declaredTables);
      expect(await appliedMigrations(database)).toBe(migrationFiles);
      const shape = await columns(database);
      await database.migrate();
      expect(await appliedMigrations(database)).toBe(migrationFiles);
      expect(await columns(database)).toEqual(shape);
    } finally {
      await database.close();
    }
    // From zero, embedded: initdb and every migration twice, minutes on a busy 2-core machine.
  }, 180_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    "create every declared table on the server, once, when two processes start at once",
    async () => {
      const serverUrl = process.env.TEST_DATABASE_URL ?? "";
      const name = `tandem_migrate_${randomBytes(5).toString("hex")}`;
      await createServerDatabase(serverUrl, name);
      const url = databaseUrl(serverUrl, name);
      const first = createDb({ url, max: 2 });
      const second = createDb({ url, max: 2 });
      try {
        await Promise.all([first.migrate(), second.migrate()]);
        expect(await tableNames(first)).toEqual(declaredTables);
        expect(await appliedMigrations(first)).toBe(migrationFiles);
      } finally {
        await first.close();
        await second.close();
        await dropServerDatabase(serverUrl, name);
      }
    },
  );
});

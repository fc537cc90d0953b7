import { readMigrationFiles } from "drizzle-orm/migrator";
import type postgres from "postgres";
import { distribute } from "./distribute";

/** drizzle-kit writes every foreign key as its own statement, in this form. */
const ADD_FOREIGN_KEY = /^\s*ALTER TABLE "([^"]+)" ADD CONSTRAINT "[^"]+" FOREIGN KEY/i;

/**
 * The migrations on a database `distribute` has turned into a Citus cluster. They are drizzle's
 * own files, applied as drizzle's migrator would (same bookkeeping table, same order, one
 * transaction), with one difference (decision 057): Citus refuses a foreign key from a table it
 * has not placed yet to a distributed one, so a table a migration creates is distributed before
 * its first foreign key is added, and every table left local at the end is placed too.
 * Returns how many migrations it applied.
 */
export async function migrateCitus(sql: postgres.Sql, migrationsFolder: string): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder });
  await sql`create schema if not exists "drizzle"`;
  await sql`create table if not exists "drizzle"."__drizzle_migrations" (
    id serial primary key, hash text not null, created_at bigint)`;
  const [last] = await sql<{ created_at: string }[]>`
    select created_at from "drizzle"."__drizzle_migrations" order by created_at desc limit 1`;
  const pending = migrations.filter((m) => !last || Number(last.created_at) < m.folderMillis);
  if (pending.length === 0) return 0;
  await sql.begin(async (tx) => {
    for (const migration of pending) {
      for (const statement of migration.sql) {
        const table = ADD_FOREIGN_KEY.exec(statement)?.[1];
        if (table && !(await isPlaced(tx, table))) await distribute(tx);
        await tx.unsafe(statement);
      }
      await distribute(tx);
      await tx`insert into "drizzle"."__drizzle_migrations" (hash, created_at)
               values (${migration.hash}, ${migration.folderMillis})`;
    }
  });
  return pending.length;
}

/** Distributed or reference (pg_dist_partition, not the citus_tables view: see distribute.ts). */
async function isPlaced(tx: postgres.TransactionSql, table: string): Promise<boolean> {
  const rows = await tx`
    select 1 from pg_dist_partition
    where logicalrelid = ${table}::regclass and (partmethod = 'h' or repmodel = 't')`;
  return rows.length > 0;
}

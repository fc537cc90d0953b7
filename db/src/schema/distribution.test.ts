import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachEngine } from "../testing/index";

/**
 * Tables shared by all organizations (Citus reference tables), sign-in limits, which are
 * counted before anyone has an organization (per account and address), and a person's
 * two-factor secret, which belongs to the person (better-auth's user), not to one of their
 * organizations, and single sign-on's domains, looked up by domain before anyone is in an
 * organization. Everything else is a tenant table (decision 057).
 */
const referenceTables = new Set([
  "user",
  "session",
  "account",
  "verification",
  "organization",
  "sign_in_limits",
  "two_factor",
  "sso_domains",
]);

/**
 * The schema must stay distributable by org_id (Citus): every tenant table leads its primary
 * key, unique indexes, other indexes and foreign keys to other tenant tables with org_id.
 */
describeEachEngine("schema distribution by org_id", (db) => {
  it("leads every tenant key and index with org_id", async () => {
    const tables = await db()
      .db.select({ name: sql<string>`table_name` })
      .from(sql`information_schema.tables`)
      .where(sql`table_schema = 'public' and table_type = 'BASE TABLE'`);
    const tenantTables = tables.map((t) => t.name).filter((t) => !referenceTables.has(t));
    expect(tenantTables.length).toBeGreaterThan(10);

    const indexes = await db()
      .db.select({
        table: sql<string>`tablename`,
        name: sql<string>`indexname`,
        definition: sql<string>`indexdef`,
      })
      .from(sql`pg_indexes`)
      .where(sql`schemaname = 'public'`);
    const problems: string[] = [];
    for (const table of tenantTables) {
      const own = indexes.filter((i) => i.table === table);
      if (!own.some((i) => i.name.endsWith("_pk") || i.name.endsWith("_pkey")))
        problems.push(`${table}: no primary key`);
      for (const index of own) {
        const columns = /\(([^)]*)\)/.exec(index.definition)?.[1] ?? "";
        if (!/^"?org_id"?\b/.test(columns.trim()))
          problems.push(`${table}.${index.name} starts with ${columns}`);
      }
    }

    const foreignKeys = await db()
      .db.select({
        table: sql<string>`cl.relname`,
        name: sql<string>`con.conname`,
        target: sql<string>`target.relname`,
        firstColumn: sql<string>`(select attname from pg_attribute where attrelid = con.conrelid and attnum = con.conkey[1])`,
      })
      .from(
        sql`pg_constraint con join pg_class cl on cl.oid = con.conrelid join pg_class target on target.oid = con.confrelid join pg_namespace n on n.oid = cl.relnamespace`,
      )
      .where(sql`con.contype = 'f' and n.nspname = 'public'`);
    for (const fk of foreignKeys) {
      if (referenceTables.has(fk.table) || referenceTables.has(fk.target)) continue;
      if (fk.firstColumn !== "org_id")
        problems.push(`${fk.table}.${fk.name} -> ${fk.target} starts with ${fk.firstColumn}`);
    }
    expect(problems).toEqual([]);
  });
});

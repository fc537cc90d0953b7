import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "./client";
import { createServerDatabase, databaseUrl, dropServerDatabase } from "./testing/template";

const tables = [
  "organization",
  "member",
  "teams",
  "goals",
  "key_results",
  "check_ins",
  "leads",
  "deals",
  "touchpoints",
  "lead_feedback",
  "daily_rollups",
  "api_keys",
  "displays",
  "audit_log",
];

async function tableNames(database: ReturnType<typeof createDb>): Promise<string[]> {
  const rows = await database.db
    .select({ name: sql<string>`table_name` })
    .from(sql`information_schema.tables`)
    .where(sql`table_schema = 'public'`);
  return rows.map((r) => r.name);
}

describe("migrations", () => {
  it("apply from zero on the embedded database, and again as a no-op", async () => {
    const database = createDb({});
    await database.migrate();
    await database.migrate();
    expect(await tableNames(database)).toEqual(expect.arrayContaining(tables));
    await database.close();
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    "apply from zero on the server, safely when two processes start at once",
    async () => {
      const serverUrl = process.env.TEST_DATABASE_URL ?? "";
      const name = `tandem_migrate_${randomBytes(5).toString("hex")}`;
      await createServerDatabase(serverUrl, name);
      const url = databaseUrl(serverUrl, name);
      const first = createDb({ url, max: 2 });
      const second = createDb({ url, max: 2 });
      try {
        await Promise.all([first.migrate(), second.migrate()]);
        expect(await tableNames(first)).toEqual(expect.arrayContaining(tables));
        const applied = await first.db
          .select({ n: sql<number>`count(*)`.mapWith(Number) })
          .from(sql`drizzle.__drizzle_migrations`);
        const files = await import("node:fs").then((fs) =>
          fs
            .readdirSync(new URL("../migrations", import.meta.url))
            .filter((f) => f.endsWith(".sql")),
        );
        expect(applied[0]?.n).toBe(files.length);
      } finally {
        await first.close();
        await second.close();
        await dropServerDatabase(serverUrl, name);
      }
    },
  );
});

import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { migratePostgres, migrationsFolder } from "./migrate";
import { postgresOptions } from "./postgres-options";
import * as schema from "./schema/index";
import { createServerDatabase, databaseUrl, dropServerDatabase } from "./testing/template";

/** The migrations before `tag`, in a folder of their own. */
function migrationsBefore(tag: string): string {
  const folder = mkdtempSync(join(tmpdir(), "tandem-migrations-"));
  mkdirSync(join(folder, "meta"));
  const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta/_journal.json"), "utf8"));
  journal.entries = journal.entries.slice(
    0,
    journal.entries.findIndex((e: { tag: string }) => e.tag === tag),
  );
  writeFileSync(join(folder, "meta/_journal.json"), JSON.stringify(journal));
  for (const entry of journal.entries as { tag: string }[])
    copyFileSync(join(migrationsFolder, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
  return folder;
}

describe("migration 0016", () => {
  // Decision 043: a store predating the history starts it with each open deal's category,
  // dated the day the migration runs in the organization's timezone, so db:verify-rollups agrees.
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    "starts the category history of the open deals already stored",
    async () => {
      const serverUrl = process.env.TEST_DATABASE_URL ?? "";
      const name = `tandem_migrate_${randomBytes(5).toString("hex")}`;
      await createServerDatabase(serverUrl, name);
      const url = databaseUrl(serverUrl, name);
      const older = migrationsBefore("0016_deal_category_history");
      const sql = postgres(url, { ...postgresOptions, max: 1 });
      const db = drizzle({ client: sql, schema });
      try {
        await migratePostgres(db, url, older);
        await sql`insert into organization (id, name, slug, timezone) values ('org_a', 'A', 'a', 'UTC')`;
        await sql`insert into deals (org_id, external_id, amount, status, created_at, closed_at, forecast_category)
                  values ('org_a', 'open-commit', 100, 'open', now(), null, 'commit'),
                         ('org_a', 'open-none', 100, 'open', now(), null, null),
                         ('org_a', 'won', 100, 'won', now(), now(), 'commit')`;
        await migratePostgres(db, url);
        const rows = await sql`
          select deal_external_id, category, since_on = (now() at time zone 'UTC')::date as today
            from deal_category_history order by 1`;
        expect(rows.map((r) => ({ ...r }))).toEqual([
          { deal_external_id: "open-commit", category: "commit", today: true },
        ]);
      } finally {
        await sql.end();
        await dropServerDatabase(serverUrl, name);
        rmSync(older, { recursive: true, force: true });
      }
    },
  );
});

import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migratePostgres, migrationsFolder } from "../migrate";
import { postgresOptions } from "../postgres-options";
import * as schema from "../schema/index";
import { citusUrl, createEmptyCitusDatabase, dropCitusDatabase } from "../testing/citus";
import { distribute } from "./distribute";

/** Migrations up to (not including) the one that adds the forecast tables' foreign keys. */
const BEFORE = "0012_forecast_snapshots_and_calls";

/** A copy of the migrations folder that stops before `tag`: the schema of an older release. */
function migrationsBefore(tag: string): string {
  const folder = mkdtempSync(join(tmpdir(), "tandem-migrations-"));
  mkdirSync(join(folder, "meta"));
  const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta/_journal.json"), "utf8"));
  const stop = journal.entries.findIndex((e: { tag: string }) => e.tag === tag);
  journal.entries = journal.entries.slice(0, stop);
  writeFileSync(join(folder, "meta/_journal.json"), JSON.stringify(journal));
  for (const entry of journal.entries as { tag: string }[])
    copyFileSync(join(migrationsFolder, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
  return folder;
}

describe.skipIf(!citusUrl())("distribution on a Citus cluster", () => {
  const coordinatorUrl = citusUrl() ?? "";
  const name = `tandem_test_${randomBytes(6).toString("hex")}`;
  const older = migrationsBefore(BEFORE);
  let url = "";
  let sql: postgres.Sql;

  beforeAll(async () => {
    url = await createEmptyCitusDatabase(coordinatorUrl, name);
    sql = postgres(url, { ...postgresOptions, max: 1 });
  }, 120_000);
  afterAll(async () => {
    await sql?.end();
    await dropCitusDatabase(coordinatorUrl, name);
    rmSync(older, { recursive: true, force: true });
  });

  const migrate = (folder: string) =>
    migratePostgres(drizzle({ client: sql, schema }), url, folder);
  const placement = () =>
    sql<{ table: string; kind: string | null }[]>`
      select c.relname as table,
             case when p.partmethod = 'h' then 'distributed' when p.repmodel = 't' then 'reference'
                  when p.partmethod is not null then 'local' end as kind
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      left join pg_dist_partition p on p.logicalrelid = c.oid
      where n.nspname = 'public' and c.relkind = 'r' and not relation_is_a_known_shard(c.oid)
      order by 1`;
  const foreignKeys = async () =>
    (
      await sql<{ name: string }[]>`
        select conname as name from pg_constraint
        where contype = 'f' and connamespace = 'public'::regnamespace
          and not relation_is_a_known_shard(conrelid)
        order by 1`
    ).map((r) => r.name);

  it("distributes a migrated database, keeping every foreign key, and a second run is a no-op", async () => {
    await migrate(older);
    const keysBefore = await foreignKeys();
    const report = await sql.begin((tx) => distribute(tx, { shardCount: 4 }));
    expect(report.reference.sort()).toEqual(
      ["account", "member", "organization", "session", "user", "verification"].sort(),
    );
    expect(report.distributed[0]).toBe("teams");
    const placed = await placement();
    // Only the sign-in counters stay a plain table on the coordinator.
    expect(placed.filter((t) => t.kind === null).map((t) => t.table)).toEqual(["sign_in_limits"]);
    expect(await foreignKeys()).toEqual(keysBefore);
    const colocations = await sql`
      select distinct colocationid from pg_dist_partition where partmethod = 'h'`;
    expect(colocations).toHaveLength(1);

    expect(await sql.begin((tx) => distribute(tx))).toEqual({ reference: [], distributed: [] });
  });

  it("applies later migrations on the distributed database, placing their new tables", async () => {
    // 0012 creates tables with foreign keys to distributed goals and teams; 0014 a table with
    // one to the reference table "user".
    await migrate(migrationsFolder);
    const placed = await placement();
    expect(placed.filter((t) => t.kind === null || t.kind === "local").map((t) => t.table)).toEqual(
      ["sign_in_limits"],
    );
    expect(placed.find((t) => t.table === "forecast_calls")?.kind).toBe("distributed");
    // 0016 creates one with a foreign key to distributed deals, then fills it from them.
    expect(placed.find((t) => t.table === "deal_category_history")?.kind).toBe("distributed");
    // 0017 creates the category rollups (decision 061) and fills them from deals and history.
    expect(placed.find((t) => t.table === "deal_category_lag_rollups")?.kind).toBe("distributed");
    expect(placed.find((t) => t.table === "deal_category_open_rollups")?.kind).toBe("distributed");
    expect(placed.find((t) => t.table === "two_factor")?.kind).toBe("reference");
    // Read by email domain before the organization is known: copied, though it has org_id.
    expect(placed.find((t) => t.table === "sso_providers")?.kind).toBe("reference");
    const keys = await foreignKeys();
    expect(keys).toContain("forecast_calls_org_id_goal_id_goals_org_id_id_fk");
    expect(keys).toContain("two_factor_user_id_user_id_fk");
    // Nothing left to do: the next start migrates nothing and distributes nothing.
    await migrate(migrationsFolder);
    expect(await sql.begin((tx) => distribute(tx))).toEqual({ reference: [], distributed: [] });
  });

  it("keeps one organization's rows and foreign keys on one shard", async () => {
    await sql`insert into organization (id, name, slug) values ('org_a', 'A', 'a')`;
    await sql`insert into teams (org_id, id, name, function) values ('org_a', 't1', 'Sales', 'sales')`;
    await sql`set citus.multi_task_query_log_level = 'error'`;
    const rows = await sql`select name from teams where org_id = 'org_a'`;
    expect(rows).toEqual([{ name: "Sales" }]);
    await expect(sql`select count(*) from teams`).rejects.toThrow(/multi-task query/);
    await sql`reset citus.multi_task_query_log_level`;
    await expect(
      sql`insert into teams (org_id, id, name, function) values ('org_missing', 't2', 'Ghost', 'sales')`,
    ).rejects.toThrow(/foreign key/);
  });
});

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbOrTx } from "./client";
import { demoOrganization } from "./demo/company";
import { seedDemo } from "./demo/seed";
import { analyzeStaleTables, keepStatisticsFresh } from "./statistics";
import { createTestDatabase, type TestDatabase } from "./testing/index";

async function leadsChangedSinceAnalyze(db: DbOrTx): Promise<number> {
  await db.execute(sql`select pg_stat_force_next_flush()`);
  const [row] = await db
    .select({ n: sql<number>`n_mod_since_analyze`.mapWith(Number) })
    .from(sql`pg_stat_user_tables`)
    .where(sql`relname = 'leads'`);
  return row?.n ?? -1;
}

/** The planner's row estimate for the demo organization's leads. */
async function estimatedLeads(db: DbOrTx): Promise<number> {
  const result = await db.execute(
    sql`explain (format json) select * from leads where org_id = ${demoOrganization.id}`,
  );
  const plan = JSON.stringify(result);
  return Number(/"Plan Rows":\s*(\d+)/.exec(plan)?.[1] ?? -1);
}

/** Doubles the demo leads under new external ids, as a large ingest would. */
async function copyLeads(db: DbOrTx): Promise<void> {
  await db.execute(sql`
    insert into leads (org_id, external_id, created_at, source, campaign, mql_at, sql_at, first_contact_at)
    select org_id, external_id || '-copy', created_at, source, campaign, mql_at, sql_at, first_contact_at
      from leads`);
}

// The embedded database only: a server runs its own autovacuum, which this stands in for.
describe("planner statistics on the embedded database", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    await seedDemo(database, { seed: 3, today: "2025-05-20", leads: 1500 });
  }, 60_000);
  afterAll(() => database.destroy());

  it("are fresh right after the demo seed", async () => {
    expect(await leadsChangedSinceAnalyze(database.db)).toBe(0);
    expect(await estimatedLeads(database.db)).toBeGreaterThan(1000);
    expect(await analyzeStaleTables(database.db)).toEqual([]);
  });

  it("are refreshed by autovacuum's rule once enough rows changed", async () => {
    await copyLeads(database.db);
    expect(await leadsChangedSinceAnalyze(database.db)).toBe(1500);
    expect(await analyzeStaleTables(database.db)).toEqual(["leads"]);
    expect(await leadsChangedSinceAnalyze(database.db)).toBe(0);
    expect(await estimatedLeads(database.db)).toBeGreaterThan(2500);
  });

  it("leave a table alone below the threshold", async () => {
    await database.db.execute(
      sql`update leads set campaign = 'touched' where external_id in (select external_id from leads order by external_id limit 40)`,
    );
    expect(await analyzeStaleTables(database.db)).toEqual([]);
    expect(await leadsChangedSinceAnalyze(database.db)).toBe(40);
  });

  it("are kept fresh by the keeper from its first tick", async () => {
    await database.db.execute(sql`delete from leads where external_id like '%-copy'`);
    const keeper = keepStatisticsFresh(database, { intervalMs: 60_000 });
    await keeper.stop();
    expect(await leadsChangedSinceAnalyze(database.db)).toBe(0);
    const estimate = await estimatedLeads(database.db);
    expect(estimate).toBeGreaterThan(1000);
    expect(estimate).toBeLessThan(2000);
  });
});

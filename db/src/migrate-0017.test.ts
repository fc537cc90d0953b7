import { describe, expect, it } from "vitest";
import { diffForecastRollups } from "./queries/forecast-rollups";
import { withStoreBefore } from "./testing/migrated-before";

describe("migration 0017", () => {
  // Decision 061: a store predating the category rollups gets them from its deals and their
  // category history, as rebuildForecastRollups computes them, so db:verify-rollups agrees.
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    "fills the category rollups from the deals and their history",
    async () => {
      const serverUrl = process.env.TEST_DATABASE_URL ?? "";
      await withStoreBefore(
        serverUrl,
        "0017_deal_category_rollups",
        async ({ sql, db, migrateRest }) => {
          await sql`insert into organization (id, name, slug, timezone)
                  values ('org_a', 'A', 'a', 'America/New_York'), ('org_b', 'B', 'b', 'UTC')`;
          await sql`insert into deals (org_id, external_id, amount, status, created_at, closed_at)
                  values ('org_a', 'won', 100000, 'won', '2026-01-05T15:00:00Z', '2026-02-03T15:00:00Z'),
                         ('org_a', 'open', 50000, 'open', '2026-03-02T15:00:00Z', null),
                         ('org_a', 'bare', 70000, 'open', '2026-03-02T15:00:00Z', null),
                         ('org_b', 'won', 100000, 'lost', '2026-01-05T15:00:00Z', '2026-01-20T15:00:00Z')`;
          await sql`insert into deal_category_history (org_id, deal_external_id, since_on, category)
                  values ('org_a', 'won', '2026-01-05', 'pipeline'), ('org_a', 'won', '2026-01-20', 'commit'),
                         ('org_a', 'open', '2026-03-10', 'best_case'), ('org_b', 'won', '2026-01-05', 'pipeline')`;
          await migrateRest();
          // The deals were written around ingest, so only the category tables are compared.
          for (const org of ["org_a", "org_b"]) {
            const differences = await diffForecastRollups(db, org);
            expect(differences.filter((d) => d.table.startsWith("deal_category"))).toEqual([]);
          }
          const lag = await sql`
          select org_id, category, count(*)::int as cells, sum(won_deals)::int as won
            from deal_category_lag_rollups group by 1, 2 order by 1, 2`;
          expect(lag.map((r) => ({ ...r }))).toEqual([
            { org_id: "org_a", category: "best_case", cells: 50, won: 0 },
            { org_id: "org_a", category: "commit", cells: 2, won: 1 },
            { org_id: "org_a", category: "pipeline", cells: 5, won: 1 },
            { org_id: "org_b", category: "pipeline", cells: 3, won: 0 },
          ]);
          const open = await sql`select count(*)::int as spans from deal_category_open_rollups`;
          expect(open[0]?.spans).toBe(4);
        },
      );
    },
  );
});

import { describe, expect, it } from "vitest";
import { withStoreBefore } from "./testing/migrated-before";

describe("migration 0016", () => {
  // Decision 043: a store predating the history starts it with each open deal's category,
  // dated the day the migration runs in the organization's timezone, so db:verify-rollups agrees.
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    "starts the category history of the open deals already stored",
    async () => {
      const serverUrl = process.env.TEST_DATABASE_URL ?? "";
      await withStoreBefore(
        serverUrl,
        "0016_deal_category_history",
        async ({ sql, migrateRest }) => {
          await sql`insert into organization (id, name, slug, timezone) values ('org_a', 'A', 'a', 'UTC')`;
          await sql`insert into deals (org_id, external_id, amount, status, created_at, closed_at, forecast_category)
                  values ('org_a', 'open-commit', 100, 'open', now(), null, 'commit'),
                         ('org_a', 'open-none', 100, 'open', now(), null, null),
                         ('org_a', 'won', 100, 'won', now(), now(), 'commit')`;
          await migrateRest();
          const rows = await sql`
          select deal_external_id, category, since_on = (now() at time zone 'UTC')::date as today
            from deal_category_history order by 1`;
          expect(rows.map((r) => ({ ...r }))).toEqual([
            { deal_external_id: "open-commit", category: "commit", today: true },
          ]);
        },
      );
    },
  );
});

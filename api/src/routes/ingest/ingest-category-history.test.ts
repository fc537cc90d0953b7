import { storedCategoryHistory } from "@tandem/db/queries/deal-category-history";
import { diffRollups, rebuildRollups } from "@tandem/db/queries/rollups";
import { dealCategoryHistory } from "@tandem/db/schema";
import { describeEachEngine } from "@tandem/db/testing";
import { beforeAll, expect, it } from "vitest";
import {
  type Caller,
  createOwner,
  createTestApp,
  newOrganization,
  TEST_ORIGIN,
  type TestApp,
} from "../../testing/test-app";
import { createKey, ingestOk } from "./ingest.helpers";

// Decision 043: the category an open deal had on each day, written by ingest in the deal's own
// statement, only when it changes, never for a closed deal, and gone with an archived deal.
describeEachEngine("ingest keeps each open deal's category history", (db) => {
  let app: TestApp;
  let user: Caller;
  beforeAll(async () => {
    app = createTestApp(db()).app;
    user = await createOwner(app);
  });

  const history = (orgId: string) => storedCategoryHistory(db().db, orgId);
  // The ingest dates a change by its own clock, in the organization's timezone (UTC here).
  const today = () => new Date().toISOString().slice(0, 10);
  const deal = (externalId: string, fields: Record<string, unknown>) => ({
    externalId,
    amount: 1000,
    status: "open",
    createdAt: "2026-01-12",
    ...fields,
  });

  it("records an open deal's category on the day it changes, and nothing else", async () => {
    const org = await newOrganization(app, user, { timezone: "UTC" });
    const { token } = await createKey(app, org);
    await ingestOk(app, token, "deals", {
      records: [
        deal("D1", { forecastCategory: "pipeline" }),
        deal("D2", {}),
        deal("D3", { status: "won", closedAt: "2026-02-01", forecastCategory: "commit" }),
      ],
    });
    const day = today();
    expect(await history(org.orgId)).toEqual([{ deal: "D1", sinceOn: day, category: "pipeline" }]);

    // The same category again, with another amount: no row. A second change the same day
    // replaces the day's row.
    await ingestOk(app, token, "deals", {
      records: [deal("D1", { forecastCategory: "pipeline", amount: 2000 })],
    });
    await ingestOk(app, token, "deals", { records: [deal("D1", { forecastCategory: "commit" })] });
    expect(await history(org.orgId)).toEqual([{ deal: "D1", sinceOn: day, category: "commit" }]);

    // A day seen earlier stays; the change is dated today. Closing writes nothing.
    await db().db.insert(dealCategoryHistory).values({
      orgId: org.orgId,
      dealExternalId: "D2",
      sinceOn: "2026-01-20",
      category: "pipeline",
    });
    // Written around ingest: the category rollups (decision 061) rebuilt from the facts.
    await rebuildRollups(db().db, org.orgId);
    await ingestOk(app, token, "deals", {
      records: [
        deal("D2", { forecastCategory: "best_case" }),
        deal("D1", { status: "lost", closedAt: "2026-03-01", forecastCategory: "omitted" }),
      ],
    });
    expect(await history(org.orgId)).toEqual([
      { deal: "D1", sinceOn: day, category: "commit" },
      { deal: "D2", sinceOn: "2026-01-20", category: "pipeline" },
      { deal: "D2", sinceOn: day, category: "best_case" },
    ]);
    expect(await diffRollups(db().db, org.orgId)).toEqual([]);
  });

  it("keeps organizations apart, goes with an archived deal, and is checked against the deals", async () => {
    // Each key is made while its organization is the caller's active one.
    const org = await newOrganization(app, user, { timezone: "UTC" });
    const { token } = await createKey(app, org);
    const other = await newOrganization(app, user, { timezone: "UTC" });
    const { token: otherToken } = await createKey(app, other);
    await ingestOk(app, token, "deals", { records: [deal("D1", { forecastCategory: "commit" })] });
    await ingestOk(app, otherToken, "deals", {
      records: [deal("D1", { forecastCategory: "pipeline" })],
    });
    const day = today();
    expect(await history(org.orgId)).toEqual([{ deal: "D1", sinceOn: day, category: "commit" }]);
    expect(await history(other.orgId)).toEqual([
      { deal: "D1", sinceOn: day, category: "pipeline" },
    ]);

    // A history that disagrees with the deal's category is reported.
    await db().db.insert(dealCategoryHistory).values({
      orgId: org.orgId,
      dealExternalId: "D1",
      sinceOn: "2099-01-01",
      category: "best_case",
    });
    await rebuildRollups(db().db, org.orgId);
    expect(await diffRollups(db().db, org.orgId)).toEqual([
      {
        table: "deal_category_history",
        key: { category: "best_case" },
        stored: { deals: 1 },
        expected: null,
      },
      {
        table: "deal_category_history",
        key: { category: "commit" },
        stored: null,
        expected: { deals: 1 },
      },
    ]);

    const archived = await app.request(`${TEST_ORIGIN}/api/v1/ingest/deals/archive`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ externalIds: ["D1"] }),
    });
    expect(archived.status).toBe(200);
    expect(await history(org.orgId)).toEqual([]);
    expect(await diffRollups(db().db, org.orgId)).toEqual([]);
    expect(await history(other.orgId)).toHaveLength(1);
  });
});

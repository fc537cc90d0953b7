import { storedCategoryRollups } from "@tandem/db/queries/category-rollups";
import { firstRow } from "@tandem/db/queries/ingest-sql";
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

// Decision 061: the landmark tables by forecast category and the deals by category span, kept
// in the deals' ingest statement (and the archive's), checked by db:verify-rollups.
describeEachEngine("ingest keeps the category rollups", (db) => {
  let app: TestApp;
  let user: Caller;
  beforeAll(async () => {
    app = createTestApp(db()).app;
    user = await createOwner(app);
  });

  const rollups = (orgId: string) => storedCategoryRollups(db().db, orgId);
  // Each row's version (xmin): a row written again gets a new one.
  const versions = async (orgId: string) =>
    firstRow(
      await db().db.execute(
        `select string_agg(xmin::text, ',' order by xmin::text) as v from (
           select xmin from deal_category_lag_rollups where org_id = '${orgId}'
           union all select xmin from deal_category_open_rollups where org_id = '${orgId}') r`,
      ),
    ).v;
  const deal = (externalId: string, fields: Record<string, unknown>) => ({
    externalId,
    amount: 1000,
    status: "open",
    createdAt: "2026-01-05",
    ...fields,
  });

  it("counts each landmark week in its category until the close, and follows the close", async () => {
    const org = await newOrganization(app, user, { timezone: "UTC" });
    const { token } = await createKey(app, org);
    await ingestOk(app, token, "deals", { records: [deal("D1", {}), deal("D2", {})] });
    // No category history: nothing.
    expect(await rollups(org.orgId)).toEqual({ lag: [], open: [] });

    // In pipeline from its creation (Monday 5 January), in commit from 20 January (day 15), as
    // a daily sync would have recorded them; the store rebuilt from its facts.
    await db()
      .db.insert(dealCategoryHistory)
      .values([
        { orgId: org.orgId, dealExternalId: "D1", sinceOn: "2026-01-05", category: "pipeline" },
        { orgId: org.orgId, dealExternalId: "D1", sinceOn: "2026-01-20", category: "commit" },
      ]);
    await rebuildRollups(db().db, org.orgId);
    const open = await rollups(org.orgId);
    // Open: at risk through lag week 51, pipeline's landmarks 0-2, commit's from 3.
    expect(open.lag.filter((c) => c.category === "pipeline")).toHaveLength(52);
    expect(open.lag.filter((c) => c.category === "commit")).toHaveLength(49);
    expect(open.lag.find((c) => c.category === "commit" && c.lagWeek === 51)?.atRisk).toBe(
      49 * 100_000,
    );
    expect(open.open).toEqual([
      {
        createdOn: "2026-01-05",
        closedOn: "infinity",
        category: "pipeline",
        sinceOn: "2026-01-05",
        untilOn: "2026-01-20",
        deals: 1,
        amount: 100_000,
      },
      {
        createdOn: "2026-01-05",
        closedOn: "infinity",
        category: "commit",
        sinceOn: "2026-01-20",
        untilOn: "infinity",
        deals: 1,
        amount: 100_000,
      },
    ]);

    // Won on 3 February (day 29, lag week 4): its later weeks go, the win is counted under
    // both categories, once per landmark (pipeline 0, 1, 2; commit 3, 4).
    await ingestOk(app, token, "deals", {
      records: [deal("D1", { status: "won", closedAt: "2026-02-03T12:00:00Z" })],
    });
    const cell = (category: string, lagWeek: number, atRisk: number, won = 0, wonDeals = 0) => ({
      week: "2026-01-05",
      category,
      lagWeek,
      atRisk,
      won,
      lost: 0,
      wonDeals,
    });
    const closed = await rollups(org.orgId);
    expect(closed.lag).toEqual([
      cell("commit", 3, 100_000),
      cell("commit", 4, 200_000, 200_000, 1),
      cell("pipeline", 0, 100_000),
      cell("pipeline", 1, 200_000),
      cell("pipeline", 2, 300_000),
      cell("pipeline", 3, 300_000),
      cell("pipeline", 4, 300_000, 300_000, 1),
    ]);
    expect(closed.open.map((r) => [r.category, r.closedOn])).toEqual([
      ["pipeline", "2026-02-03"],
      ["commit", "2026-02-03"],
    ]);
    expect(await diffRollups(db().db, org.orgId)).toEqual([]);

    // An unchanged resend writes nothing; a change that moves nothing the rollups count
    // (the owner) writes none of their rows either.
    const before = await versions(org.orgId);
    await ingestOk(app, token, "deals", {
      records: [deal("D1", { status: "won", closedAt: "2026-02-03T12:00:00Z" })],
    });
    await ingestOk(app, token, "deals", {
      records: [deal("D1", { status: "won", closedAt: "2026-02-03T12:00:00Z", owner: "ana" })],
    });
    expect(await versions(org.orgId)).toEqual(before);

    // A category seen today starts a span today; archiving takes the deal's cells with it.
    await ingestOk(app, token, "deals", {
      records: [deal("D2", { forecastCategory: "best_case" })],
    });
    expect((await rollups(org.orgId)).open.filter((r) => r.category === "best_case")).toHaveLength(
      1,
    );
    expect(await diffRollups(db().db, org.orgId)).toEqual([]);
    const archived = await app.request(`${TEST_ORIGIN}/api/v1/ingest/deals/archive`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ externalIds: ["D1"] }),
    });
    expect(archived.status).toBe(200);
    const left = await rollups(org.orgId);
    expect(left.lag.every((c) => c.category === "best_case")).toBe(true);
    expect(left.open.map((r) => r.category)).toEqual(["best_case"]);
    expect(await diffRollups(db().db, org.orgId)).toEqual([]);
  });

  it("is checked against the facts by db:verify-rollups", async () => {
    const org = await newOrganization(app, user, { timezone: "UTC" });
    const { token } = await createKey(app, org);
    await ingestOk(app, token, "deals", { records: [deal("D1", { forecastCategory: "commit" })] });
    expect(await diffRollups(db().db, org.orgId)).toEqual([]);
    await db().db.execute(
      `update deal_category_open_rollups set amount = amount + 1 where org_id = '${org.orgId}'`,
    );
    const differences = await diffRollups(db().db, org.orgId);
    expect(differences.map((d) => d.table)).toEqual(["deal_category_open_rollups"]);
    await rebuildRollups(db().db, org.orgId);
    expect(await diffRollups(db().db, org.orgId)).toEqual([]);
  });
});

import { storedForecastRollups } from "@tandem/db/queries/forecast-rollups";
import { diffRollups } from "@tandem/db/queries/rollups";
import { describeEachEngine } from "@tandem/db/testing";
import { beforeAll, expect, it } from "vitest";
import { createTestApp, newOrganization, signUp, type TestApp } from "../../testing/test-app";
import { createKey, ingestOk } from "./ingest.helpers";

// The forecast's rollups follow every change of the facts they are made of, in the ingest
// transaction: a deal closing, a lead arriving after its deal, a lead whose creation moves.
describeEachEngine("ingest keeps the forecast rollups", (db) => {
  let app: TestApp;
  beforeAll(() => {
    app = createTestApp(db()).app;
  });

  const rows = (orgId: string) => storedForecastRollups(db().db, orgId);

  it("moves deals between open and closed, and wins between lead cohorts", async () => {
    const owner = await signUp(app);
    const { orgId } = await newOrganization(app, owner, { timezone: "Europe/Berlin" });
    const { token } = await createKey(app, owner);
    const lead = (createdAt: string) => ({ externalId: "L1", createdAt, source: "web" });
    const deal = { externalId: "D1", leadExternalId: "L1", amount: 1000, createdAt: "2026-01-12" };

    await ingestOk(app, token, "leads", { records: [lead("2026-01-05")] });
    await ingestOk(app, token, "deals", { records: [{ ...deal, status: "open" }] });
    expect(await rows(orgId)).toEqual({
      close: [{ createdOn: "2026-01-12", closedOn: "infinity", deals: 1, amount: 100_000 }],
      deal: [{ week: "2026-01-12", outcome: "open", closeWeek: -1, deals: 1, amount: 100_000 }],
      lead: [],
    });

    // Won 28 days after its creation, 35 after its lead's (a close at 23:30 UTC is the next
    // day in Berlin).
    await ingestOk(app, token, "deals", {
      records: [{ ...deal, status: "won", closedAt: "2026-02-08T23:30:00Z" }],
    });
    expect(await rows(orgId)).toEqual({
      close: [{ createdOn: "2026-01-12", closedOn: "2026-02-09", deals: 1, amount: 100_000 }],
      deal: [{ week: "2026-01-12", outcome: "won", closeWeek: 4, deals: 1, amount: 100_000 }],
      lead: [{ week: "2026-01-05", dealWeek: 1, wonWeek: 5, wins: 1, amount: 100_000 }],
    });

    // The lead turns out a week older: its win moves to the earlier cohort.
    await ingestOk(app, token, "leads", { records: [lead("2025-12-29")] });
    expect((await rows(orgId)).lead).toEqual([
      { week: "2025-12-29", dealWeek: 2, wonWeek: 6, wins: 1, amount: 100_000 },
    ]);
    expect(await diffRollups(db().db, orgId)).toEqual([]);
  });

  it("counts a win in its lead's cohort only once the lead is known", async () => {
    const owner = await signUp(app);
    const { orgId } = await newOrganization(app, owner);
    const { token } = await createKey(app, owner);
    await ingestOk(app, token, "deals", {
      records: [
        {
          externalId: "D1",
          leadExternalId: "L9",
          amount: 500,
          status: "won",
          createdAt: "2026-03-02",
          closedAt: "2026-03-20",
        },
        // Lost without a close day: counted nowhere, as in the daily rollups.
        { externalId: "D2", amount: 5, status: "lost", createdAt: "2026-03-02" },
      ],
    });
    expect((await rows(orgId)).lead).toEqual([]);
    expect((await rows(orgId)).close).toEqual([
      { createdOn: "2026-03-02", closedOn: "2026-03-20", deals: 1, amount: 50_000 },
    ]);
    await ingestOk(app, token, "leads", {
      records: [{ externalId: "L9", createdAt: "2026-02-16", source: "events" }],
    });
    expect((await rows(orgId)).lead).toEqual([
      { week: "2026-02-16", dealWeek: 2, wonWeek: 4, wins: 1, amount: 50_000 },
    ]);
    expect(await diffRollups(db().db, orgId)).toEqual([]);
  });
});

import {
  countFacts as countRows,
  storedRollups as rollupRows,
  ingestSnapshot as snapshot,
} from "@tandem/db/queries/ingest-inspect";
import { diffRollups } from "@tandem/db/queries/rollups";
import { describeEachEngine } from "@tandem/db/testing";
import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import {
  type Caller,
  createTestApp,
  newOrganization,
  readProblem,
  signUp,
  TEST_ORIGIN,
  type TestApp,
} from "../../testing/test-app";
import { batchSequence } from "./ingest.arbitraries";
import { createKey, ingest, ingestOk } from "./ingest.helpers";

const lead = (id: string, over: Record<string, unknown> = {}) => ({
  externalId: id,
  createdAt: "2026-03-02T10:00:00Z",
  source: "paid_search",
  campaign: "spring",
  ...over,
});

const deal = (id: string, over: Record<string, unknown> = {}) => ({
  externalId: id,
  leadExternalId: "L1",
  amount: 1000,
  status: "won",
  createdAt: "2026-03-03T10:00:00Z",
  closedAt: "2026-03-20T10:00:00Z",
  ...over,
});

describeEachEngine("ingest", (db) => {
  let app: TestApp;
  let owner: Caller;
  beforeAll(async () => {
    app = createTestApp(db()).app;
    owner = await signUp(app);
  });
  /** A fresh organization (so each test sees only its own rows) and an ingest key for it. */
  /** A fresh organization (so each test sees only its own rows) and an ingest key for it. */
  const setup = async (org: { currency?: string; timezone?: string } = {}) => {
    const { orgId } = await newOrganization(app, owner, { name: "Ingest Co", ...org });
    const key = await createKey(app, owner);
    return { token: key.token, orgId };
  };

  it("upserts leads, counts what changed and keeps rollups in step", async () => {
    const { token, orgId } = await setup({ timezone: "America/New_York" });
    const first = await ingestOk(app, token, "leads", {
      records: [
        lead("L1", { mqlAt: "2026-03-05T03:00:00Z" }),
        lead("L2", { createdAt: "2026-03-02T03:00:00+00:00", campaign: null }),
      ],
    });
    expect(first).toMatchObject({
      kind: "leads",
      inserted: 2,
      updated: 0,
      unchanged: 0,
      dryRun: false,
    });
    // 03:00 UTC is still the previous evening in New York.
    expect(await rollupRows(db().db, orgId)).toEqual([
      expect.objectContaining({ day: "2026-03-01", source: "paid_search", campaign: "", leads: 1 }),
      expect.objectContaining({
        day: "2026-03-02",
        source: "paid_search",
        campaign: "spring",
        leads: 1,
      }),
      expect.objectContaining({
        day: "2026-03-04",
        source: "paid_search",
        campaign: "spring",
        mqls: 1,
      }),
    ]);
    const second = await ingestOk(app, token, "leads", {
      records: [lead("L1", { mqlAt: "2026-03-05T03:00:00Z", source: "webinar" }), lead("L3")],
    });
    expect(second).toMatchObject({ inserted: 1, updated: 1, unchanged: 0 });
    expect(await diffRollups(db().db, orgId)).toEqual([]);
    const rows = await rollupRows(db().db, orgId);
    expect(rows.find((r) => r.source === "webinar" && r.day === "2026-03-04")?.mqls).toBe(1);
    expect(rows.some((r) => r.source === "paid_search" && r.mqls > 0)).toBe(false);
  });

  it("leaves the database untouched when the same batch is sent again", async () => {
    const { token, orgId } = await setup();
    const leads = { records: [lead("L1", { sqlAt: "2026-03-09T08:00:00Z" }), lead("L2")] };
    const deals = { records: [deal("D1"), deal("D2", { status: "open", closedAt: null })] };
    const touches = {
      records: [
        {
          externalId: "T1",
          leadExternalId: "L1",
          channel: "email",
          occurredAt: "2026-03-01T09:00:00Z",
        },
      ],
    };
    await ingestOk(app, token, "leads", leads);
    await ingestOk(app, token, "deals", deals);
    await ingestOk(app, token, "touchpoints", touches);
    const before = await snapshot(db().db, orgId);
    expect(await ingestOk(app, token, "leads", leads)).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 2,
    });
    expect(await ingestOk(app, token, "deals", deals)).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 2,
    });
    expect(await ingestOk(app, token, "touchpoints", touches)).toMatchObject({ unchanged: 1 });
    expect(await snapshot(db().db, orgId)).toEqual(before);
  });

  it("rejects the whole batch, listing every bad record, and writes nothing", async () => {
    const { token, orgId } = await setup();
    await ingestOk(app, token, "leads", { records: [lead("L0")] });
    const before = await snapshot(db().db, orgId);
    const response = await ingest(app, token, "leads", {
      records: [
        lead("L1"),
        lead("L2", { createdAt: "2026-03-02T10:00:00" }),
        lead("L3"),
        lead("", { source: "" }),
        lead("L5", { mqlAt: "yesterday", extra: true }),
        lead("L1"),
      ],
    });
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    const problem = await readProblem(response);
    expect(problem.code).toBe("validation_failed");
    const bad = (problem.errors ?? []).map((e) => `${e.index}:${e.path}`);
    expect(bad).toEqual(
      expect.arrayContaining([
        "1:createdAt",
        "3:externalId",
        "3:source",
        "4:mqlAt",
        "4:extra",
        "5:externalId",
      ]),
    );
    expect(bad.some((b) => b.startsWith("0:") || b.startsWith("2:"))).toBe(false);
    expect(await snapshot(db().db, orgId)).toEqual(before);
  });

  it("converts money exactly in the currency's minor unit and refuses what does not fit", async () => {
    const usd = await setup();
    await ingestOk(app, usd.token, "leads", { records: [lead("L1")] });
    await ingestOk(app, usd.token, "deals", {
      records: [deal("D1", { amount: 0.29 }), deal("D2", { amount: "1234567.89" })],
    });
    const rows = await rollupRows(db().db, usd.orgId);
    expect(rows.find((r) => r.wins === 2)?.wonAmount).toBe(29 + 123456789);

    const jpy = await setup({ currency: "JPY" });
    const response = await ingest(app, jpy.token, "deals", {
      records: [
        deal("D1", { amount: 100.5 }),
        deal("D2", { amount: -3 }),
        deal("D3", { amount: "1e3" }),
        deal("D4", { amount: 1500 }),
      ],
    });
    expect(response.status).toBe(422);
    const errors = (await readProblem(response)).errors ?? [];
    expect(errors.map((e) => `${e.index}:${e.path}`)).toEqual(["0:amount", "1:amount", "2:amount"]);
  });

  it("requires a close time for won deals and an offset on every time of day", async () => {
    const { token } = await setup();
    const response = await ingest(app, token, "deals", {
      records: [
        deal("D1", { closedAt: null }),
        deal("D2", { createdAt: "2026-03-03 10:00" }),
        deal("D3", { status: "maybe" }),
      ],
    });
    const errors = (await readProblem(response)).errors ?? [];
    expect(errors.map((e) => `${e.index}:${e.path}`)).toEqual([
      "0:closedAt",
      "1:createdAt",
      "2:status",
    ]);
  });

  it("counts a deal under (none) until its lead arrives, then moves it with the lead", async () => {
    const { token, orgId } = await setup();
    const early = await ingestOk(app, token, "deals", {
      records: [deal("D1"), deal("D2", { status: "open", closedAt: null, amount: 500 })],
    });
    expect(early.unknownLeads).toBe(2);
    let rows = await rollupRows(db().db, orgId);
    expect(rows.filter((r) => r.source === "(none)").map((r) => [r.wins, r.openDeals])).toEqual([
      [0, 1],
      [1, 0],
    ]);
    await ingestOk(app, token, "leads", { records: [lead("L1")] });
    rows = await rollupRows(db().db, orgId);
    expect(rows.some((r) => r.source === "(none)")).toBe(false);
    expect(rows.find((r) => r.wins === 1)).toMatchObject({
      source: "paid_search",
      campaign: "spring",
      wonAmount: 100000,
    });
    await ingestOk(app, token, "leads", { records: [lead("L1", { source: "events" })] });
    rows = await rollupRows(db().db, orgId);
    expect(rows.find((r) => r.wins === 1)?.source).toBe("events");
    expect(rows.find((r) => r.openDeals === 1)?.source).toBe("events");
    await ingestOk(app, token, "deals", {
      records: [deal("D2", { status: "lost", closedAt: "2026-03-10T00:00:00Z", amount: 500 })],
    });
    expect(await diffRollups(db().db, orgId)).toEqual([]);
    expect((await rollupRows(db().db, orgId)).some((r) => r.openDeals !== 0)).toBe(false);
  });

  it("keeps parallel batches on the same external ids exact", async () => {
    const { token, orgId } = await setup({ timezone: "Europe/Berlin" });
    const batch = (variant: number) => ({
      records: Array.from({ length: 200 }, (_, i) =>
        lead(`L${(i * 7 + variant * 13) % 300}`, {
          source: ["a", "b", "c"][(i + variant) % 3],
          createdAt: new Date(Date.UTC(2026, 2, 1 + ((i + variant) % 20), 23, 30)).toISOString(),
          mqlAt: variant % 2 ? "2026-03-25T12:00:00Z" : null,
        }),
      ),
    });
    const deals = (variant: number) => ({
      records: Array.from({ length: 100 }, (_, i) =>
        deal(`D${i}`, {
          leadExternalId: `L${(i * 3 + variant) % 300}`,
          status: variant % 2 ? "won" : "open",
          amount: 100 + variant,
        }),
      ),
    });
    const responses = await Promise.all([
      ...[0, 1, 2, 3].map((v) => ingest(app, token, "leads", batch(v))),
      ...[0, 1, 2].map((v) => ingest(app, token, "deals", deals(v))),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    const expectedLeads = new Set(
      [0, 1, 2, 3].flatMap((v) => batch(v).records.map((r) => r.externalId)),
    );
    expect(await countRows(db().db, "leads", orgId)).toBe(expectedLeads.size);
    expect(await countRows(db().db, "deals", orgId)).toBe(100);
    expect(await diffRollups(db().db, orgId)).toEqual([]);
  });

  it("counts what a dry run would do and writes nothing", async () => {
    const { token, orgId } = await setup();
    await ingestOk(app, token, "leads", { records: [lead("L1"), lead("L2")] });
    const before = await snapshot(db().db, orgId);
    const result = await ingestOk(
      app,
      token,
      "leads",
      { records: [lead("L1"), lead("L2", { source: "x" }), lead("L3")] },
      "dryRun=true",
    );
    expect(result).toMatchObject({ dryRun: true, inserted: 1, updated: 1, unchanged: 1 });
    expect(await snapshot(db().db, orgId)).toEqual(before);
  });

  it("limits batches to 10,000 records and bodies to the size limit", async () => {
    const { token } = await setup();
    const many = await ingest(app, token, "leads", {
      records: Array.from({ length: 10_001 }, (_, i) => lead(`L${i}`)),
    });
    expect(many.status).toBe(422);
    expect((await readProblem(many)).errors?.[0]?.path).toBe("records");
    const huge = await ingest(app, token, "leads", {
      records: [lead("L1", { campaign: "x".repeat(9 * 1024 * 1024) })],
    });
    expect(huge.status).toBe(413);
    expect(huge.headers.get("content-type")).toContain("application/problem+json");
    expect((await readProblem(huge)).code).toBe("payload_too_large");
    const empty = await ingest(app, token, "leads", { records: [] });
    expect(empty.status).toBe(422);
    const broken = await ingest(app, token, "leads", "{not json", {
      contentType: "application/json",
    });
    expect(broken.status).toBe(400);
  });

  it("takes a CSV file on the same route", async () => {
    const { token, orgId } = await setup({ timezone: "Asia/Tokyo" });
    const csv =
      "externalId,createdAt,source\nL1,2026-03-01 08:00,web\nL2,2026-03-01T08:00:00Z,web\n";
    const result = await ingestOk(app, token, "leads", csv);
    expect(result).toMatchObject({ inserted: 2, records: 2 });
    expect((await rollupRows(db().db, orgId)).map((r) => [r.day, r.leads])).toEqual([
      ["2026-03-01", 2],
    ]);
  });

  it("documents the record shapes in the OpenAPI document", async () => {
    const response = await app.request(`${TEST_ORIGIN}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    const doc = JSON.stringify(await response.json());
    for (const name of [
      "IngestLeadsBody",
      "IngestDealsBody",
      "IngestTouchpointsBody",
      "/api/v1/ingest/leads",
    ]) {
      expect(doc).toContain(name);
    }
  });

  it("agrees with rollups recomputed from facts after any interleaving of batches (property)", async () => {
    await fc.assert(
      fc.asyncProperty(batchSequence, async (batches) => {
        const { token, orgId } = await setup({ timezone: "America/New_York" });
        for (const { kind, records } of batches) {
          const response = await ingest(app, token, kind, { records });
          expect(response.status, await response.clone().text()).toBe(200);
        }
        expect(await diffRollups(db().db, orgId)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});

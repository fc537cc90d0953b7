import { getDeal, getLead } from "@tandem/db/queries/facts";
import { storedRollups } from "@tandem/db/queries/ingest-inspect";
import { diffRollups } from "@tandem/db/queries/rollups";
import { describeEachEngine } from "@tandem/db/testing";
import { beforeAll, expect, it } from "vitest";
import {
  type Caller,
  createTestApp,
  newOrganization,
  readProblem,
  signUp,
  type TestApp,
} from "../../testing/test-app";
import { createKey, ingest, ingestOk } from "./ingest.helpers";

// What integrators expect of ingest: partial records, lead contact fields, CRM time formats.
describeEachEngine("ingest semantics", (db) => {
  let app: TestApp;
  let owner: Caller;
  beforeAll(async () => {
    app = createTestApp(db()).app;
    owner = await signUp(app);
  });
  const setup = async (timezone = "UTC") => {
    const { orgId } = await newOrganization(app, owner, { name: "Semantics Co", timezone });
    return { token: (await createKey(app, owner)).token, orgId };
  };
  const storedLead = (orgId: string, id: string) => getLead(db().db, orgId, id);
  const storedDeal = (orgId: string, id: string) => getDeal(db().db, orgId, id);

  it("keeps the stored value of a field a resend leaves out, and clears it on null", async () => {
    const { token, orgId } = await setup();
    await ingestOk(app, token, "leads", {
      records: [
        {
          externalId: "L1",
          createdAt: "2026-03-02T10:00:00Z",
          source: "web",
          campaign: "spring",
          mqlAt: "2026-03-03T10:00:00Z",
          sqlAt: "2026-03-04T10:00:00Z",
          name: "Maya Lindqvist",
          email: "maya@northwind.example",
          company: "Northwind",
          owner: "Sam Okafor",
          url: "https://crm.example/leads/L1",
        },
      ],
    });
    // A partial resend (a sync that only knows the creation fields) erases nothing.
    const partial = await ingestOk(app, token, "leads", {
      records: [{ externalId: "L1", createdAt: "2026-03-02T10:00:00Z", source: "web" }],
    });
    expect(partial).toMatchObject({ updated: 0, unchanged: 1 });
    expect(await storedLead(orgId, "L1")).toMatchObject({
      campaign: "spring",
      mqlAt: new Date("2026-03-03T10:00:00Z"),
      sqlAt: new Date("2026-03-04T10:00:00Z"),
      name: "Maya Lindqvist",
      url: "https://crm.example/leads/L1",
    });
    const rollups = await storedRollups(db().db, orgId);
    expect(rollups.reduce((n, r) => n + r.sqls, 0)).toBe(1);
    // null clears, and the rollups follow.
    await ingestOk(app, token, "leads", {
      records: [
        {
          externalId: "L1",
          createdAt: "2026-03-02T10:00:00Z",
          source: "web",
          sqlAt: null,
          owner: null,
        },
      ],
    });
    expect(await storedLead(orgId, "L1")).toMatchObject({
      mqlAt: new Date("2026-03-03T10:00:00Z"),
      sqlAt: null,
      owner: null,
      company: "Northwind",
    });
    const after = await storedRollups(db().db, orgId);
    expect(after.reduce((n, r) => n + r.sqls, 0)).toBe(0);
    expect(after.reduce((n, r) => n + r.mqls, 0)).toBe(1);
    expect(await diffRollups(db().db, orgId)).toEqual([]);
  });

  it("accepts date-only values and epoch milliseconds; a time of day needs its offset", async () => {
    const { token, orgId } = await setup("Europe/Berlin");
    await ingestOk(app, token, "leads", {
      records: [
        {
          externalId: "L1",
          createdAt: Date.UTC(2026, 2, 2, 9, 30),
          source: "web",
          mqlAt: "2026-03-05",
        },
      ],
    });
    expect(await storedLead(orgId, "L1")).toMatchObject({
      createdAt: new Date("2026-03-02T09:30:00Z"),
      // A date alone is its midnight in the organization's zone.
      mqlAt: new Date("2026-03-04T23:00:00Z"),
    });
    const response = await ingest(app, token, "leads", {
      records: [
        { externalId: "L2", createdAt: "2026-03-02 09:30", source: "web" },
        { externalId: "L3", createdAt: 1.5, source: "web" },
        { externalId: "L4", source: "web", url: "javascript:alert(1)" },
      ],
    });
    expect(response.status).toBe(422);
    const errors = (await readProblem(response)).errors ?? [];
    expect(errors.map((e) => [e.index, e.path, e.message])).toEqual([
      [0, "createdAt", expect.stringContaining("with an offset")],
      [1, "createdAt", expect.stringContaining("epoch milliseconds")],
      [2, "createdAt", "is required"],
      [2, "url", "must be an http(s) URL"],
    ]);
  });

  it("keeps the CRM's stage, maps new stages with a guess marked for review, and applies a new mapping to stored deals", async () => {
    const { token, orgId } = await setup();
    const deal = (id: string, stage: string, amount: number | null = 1000) => ({
      externalId: id,
      amount,
      stage,
      createdAt: "2026-03-03T10:00:00Z",
      closedAt: "2026-03-20T10:00:00Z",
    });
    await ingestOk(app, token, "deals", {
      records: [
        deal("D1", "Closed Won", 2400),
        deal("D2", "Renewed", 500),
        deal("D3", "Churned", 300),
        deal("D4", "Contract Sent", null),
        deal("D5", "Verbal yes", 700),
      ],
    });
    expect(await storedDeal(orgId, "D4")).toMatchObject({ stage: "Contract Sent", amount: 0 });
    const listed = await call("GET");
    expect(listed.status).toBe(200);
    const etag = listed.headers.get("etag") ?? "";
    expect(await listed.json()).toEqual({
      stages: [
        { name: "Closed Won", outcome: "won", order: 1, needsReview: false },
        { name: "Renewed", outcome: "won", order: 2, needsReview: true },
        { name: "Churned", outcome: "lost", order: 3, needsReview: true },
        { name: "Contract Sent", outcome: "open", order: 4, needsReview: false },
        { name: "Verbal yes", outcome: "open", order: 5, needsReview: true },
      ],
    });
    const won = async () =>
      (await storedRollups(db().db, orgId)).reduce((n, r) => n + r.wonAmount, 0);
    expect(await won()).toBe(290_000);

    // A status that contradicts the stage's mapped outcome is refused, naming the mapping.
    const contradiction = await ingest(app, token, "deals", {
      records: [{ ...deal("D6", "Churned"), status: "won" }],
    });
    expect(contradiction.status).toBe(422);
    expect((await readProblem(contradiction)).errors?.[0]).toMatchObject({
      index: 0,
      path: "status",
      message: expect.stringContaining('"Churned" is mapped to lost'),
    });

    const mapping = {
      stages: [
        { name: "Closed Won", outcome: "won", order: 1 },
        { name: "Renewed", outcome: "won", order: 2 },
        { name: "Churned", outcome: "lost", order: 3 },
        { name: "Contract Sent", outcome: "open", order: 4 },
        { name: "Verbal yes", outcome: "won", order: 5 },
      ],
    };
    expect((await call("PUT", mapping)).status).toBe(428);
    expect((await call("PUT", mapping, '"stale"')).status).toBe(412);
    const missing = await call("PUT", { stages: mapping.stages.slice(1) }, etag);
    expect(missing.status).toBe(422);
    expect((await readProblem(missing)).errors?.[0]?.message).toContain('"Closed Won"');
    const put = await call("PUT", mapping, etag);
    expect(put.status).toBe(200);
    expect(put.headers.get("etag")).not.toBe(etag);
    expect(await storedDeal(orgId, "D5")).toMatchObject({ status: "won" });
    expect(await won()).toBe(360_000);
    expect(await diffRollups(db().db, orgId)).toEqual([]);
    const after = (await (await call("GET")).json()) as { stages: { needsReview: boolean }[] };
    expect(after.stages.every((s) => !s.needsReview)).toBe(true);

    // Another organization sees its own (empty) mapping.
    await newOrganization(app, owner, { name: "Other Co" });
    expect(await (await call("GET")).json()).toEqual({ stages: [] });
  });

  it("keeps a deal's forecast category and expected close, read as CRMs spell them", async () => {
    const { token, orgId } = await setup();
    const base = { externalId: "D1", amount: 1000, status: "open", createdAt: "2026-03-03" };
    await ingestOk(app, token, "deals", {
      records: [{ ...base, forecastCategory: "Best Case", expectedCloseAt: "2026-04-15" }],
    });
    expect(await storedDeal(orgId, "D1")).toMatchObject({
      forecastCategory: "best_case",
      expectedCloseAt: new Date("2026-04-15T00:00:00Z"),
    });
    // Left out keeps; null clears.
    await ingestOk(app, token, "deals", { records: [base] });
    expect(await storedDeal(orgId, "D1")).toMatchObject({ forecastCategory: "best_case" });
    await ingestOk(app, token, "deals", {
      records: [{ ...base, forecastCategory: null, expectedCloseAt: null }],
    });
    expect(await storedDeal(orgId, "D1")).toMatchObject({
      forecastCategory: null,
      expectedCloseAt: null,
    });
    const bad = await ingest(app, token, "deals", {
      records: [{ ...base, forecastCategory: "maybe", expectedCloseAt: "soon" }],
    });
    expect(bad.status).toBe(422);
    expect((await readProblem(bad)).errors?.map((e) => [e.index, e.path])).toEqual([
      [0, "forecastCategory"],
      [0, "expectedCloseAt"],
    ]);
    expect(await storedDeal(orgId, "D1")).toMatchObject({ forecastCategory: null });
  });

  async function call(method: "GET" | "PUT", body?: unknown, ifMatch?: string) {
    return app.request("http://localhost/api/v1/deal-stages", {
      method,
      headers: {
        origin: "http://localhost",
        cookie: owner.cookie,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(ifMatch === undefined ? {} : { "if-match": ifMatch }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
});

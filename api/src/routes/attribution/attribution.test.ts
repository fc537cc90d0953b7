import type { createDb } from "@tandem/db";
import { deals, leads, touchpoints } from "@tandem/db/schema";
import { describeEachEngine } from "@tandem/db/testing";
import { beforeAll, expect, it } from "vitest";
import {
  addMember,
  type Caller,
  call,
  createOwner,
  createTestApp,
  readAs,
  readProblem,
  type TestApp,
} from "../../testing/test-app";
import { goalSchema } from "../goals/goals.routes";
import { allAttributionSchema, singleAttributionSchema } from "./attribution.schemas";

type Db = ReturnType<typeof createDb>["db"];

const MS_PER_DAY = 86_400_000;
/** Day n of 2026 counted from January 1st, 00:00 UTC (the organization's timezone is UTC). */
const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * MS_PER_DAY);

const plan = { leadToMql: 0.25, mqlToSql: 0.3, sqlToWon: 0.25, avgDealSize: 10000 };

async function createGoal(app: TestApp, caller: Caller, startsOn: string, endsOn: string) {
  const response = await call(app, "POST", "/api/v1/goals", {
    caller,
    body: { name: `Goal ${startsOn}`, startsOn, endsOn, target: 100000, plan },
  });
  return readAs(response, goalSchema);
}

/**
 * The revenue model's worked example (docs/revenue-model.md): one deal of 10,000 created on day 20 from a lead created on
 * day 10, closed on day 30; touches paid_search day 0, webinar day 10, email day 20, direct
 * day 28 (and a social touch after the close, which no model may credit). Around it, deals
 * that must not count: lost, open, won before the period, and another organization's.
 */
async function seedWorkedExample(db: Db, orgId: string, otherOrgId: string) {
  await db.insert(leads).values([
    { orgId, externalId: "L1", createdAt: day(10), source: "webinar" },
    { orgId: otherOrgId, externalId: "L1", createdAt: day(1), source: "tv" },
  ]);
  const touch = (org: string, externalId: string, channel: string, n: number) => ({
    orgId: org,
    externalId,
    leadExternalId: "L1",
    channel,
    occurredAt: day(n),
  });
  // One insert per touch, so ingest order (seq) follows the array.
  for (const row of [
    touch(orgId, "T1", "paid_search", 0),
    touch(orgId, "T2", "webinar", 10),
    touch(orgId, "T3", "email", 20),
    touch(orgId, "T4", "direct", 28),
    touch(orgId, "T5", "social", 31),
    touch(otherOrgId, "T1", "tv", 5),
  ]) {
    await db.insert(touchpoints).values(row);
  }
  const deal = (
    org: string,
    externalId: string,
    status: "won" | "lost" | "open",
    closed: number | null,
  ) => ({
    orgId: org,
    externalId,
    leadExternalId: "L1",
    amount: 1_000_000,
    status,
    createdAt: day(20),
    closedAt: closed === null ? null : day(closed),
  });
  await db
    .insert(deals)
    .values([
      deal(orgId, "D1", "won", 30),
      deal(orgId, "LOST", "lost", 25),
      deal(orgId, "OPEN", "open", null),
      { ...deal(orgId, "EARLIER", "won", -5), createdAt: day(-20) },
      deal(otherOrgId, "D1", "won", 15),
    ]);
}

/** Deals of odd amounts in April, whose credits must still add up to the cent. */
async function seedOddAmounts(db: Db, orgId: string) {
  const april = (n: number) => day(90 + n);
  await db.insert(leads).values([
    { orgId, externalId: "A", createdAt: april(1), source: "paid_search" },
    { orgId, externalId: "B", createdAt: april(2), source: "email" },
    { orgId, externalId: "C", createdAt: april(3), source: "webinar" },
    { orgId, externalId: "SILENT", createdAt: april(3), source: "webinar" },
  ]);
  const touches: [string, string, number][] = [
    ["A", "paid_search", 1],
    ["A", "webinar", 2],
    ["A", "email", 3],
    ["B", "email", 2],
    ["B", "email", 4],
    ["B", "direct", 6],
    ["C", "paid_search", 1],
    ["C", "direct", 2],
    ["C", "webinar", 3],
    ["C", "email", 4],
    ["C", "social", 5],
    ["C", "direct", 6],
  ];
  await db.insert(touchpoints).values(
    touches.map(([lead, channel, n], i) => ({
      orgId,
      externalId: `odd-${i}`,
      leadExternalId: lead,
      channel,
      occurredAt: april(n),
    })),
  );
  const won = (externalId: string, lead: string | null, amount: number) => ({
    orgId,
    externalId,
    leadExternalId: lead,
    amount,
    status: "won" as const,
    createdAt: april(4),
    closedAt: april(20),
  });
  await db
    .insert(deals)
    .values([
      won("DA", "A", 33_333),
      won("DB", "B", 10_001),
      won("DC", "C", 7),
      won("DC2", "C", 100_003),
      won("NO-LEAD", null, 25_000),
      won("NO-TOUCH", "SILENT", 1_234),
    ]);
}

const creditsOf = (channels: { channel: string; credit: number }[]) =>
  Object.fromEntries(channels.map((c) => [c.channel, c.credit]));
const cents = (major: number) => Math.round(major * 100);

describeEachEngine("attribution", (db) => {
  let app: TestApp;
  let owner: Caller & { orgId: string };
  let q1: string;
  let q2: string;
  let otherGoal: string;

  beforeAll(async () => {
    app = createTestApp(db()).app;
    owner = await createOwner(app);
    const other = await createOwner(app, { name: "Other Co" });
    q1 = (await createGoal(app, owner, "2026-01-01", "2026-03-31")).id;
    q2 = (await createGoal(app, owner, "2026-04-01", "2026-06-30")).id;
    otherGoal = (await createGoal(app, other, "2026-01-01", "2026-03-31")).id;
    await seedWorkedExample(db().db, owner.orgId, other.orgId);
    await seedOddAmounts(db().db, owner.orgId);
  });

  it("credits the revenue model's worked example under every model, to the cent", async () => {
    const response = await call(app, "GET", `/api/v1/goals/${q1}/attribution?asOf=2026-03-31`, {
      caller: owner,
    });
    expect(response.status).toBe(200);
    const body = await readAs(response, allAttributionSchema);
    expect(body).toMatchObject({
      model: "all",
      total: 10000,
      deals: 1,
      halfLife: 7,
      currency: "USD",
    });
    const byModel = Object.fromEntries(body.models.map((m) => [m.model, creditsOf(m.channels)]));
    expect(byModel).toEqual({
      first_touch: { paid_search: 10000 },
      last_touch: { direct: 10000 },
      linear: { paid_search: 2500, webinar: 2500, email: 2500, direct: 2500 },
      time_decay: { paid_search: 371.23, webinar: 999.27, email: 2689.84, direct: 5939.66 },
      u_shaped: { paid_search: 4000, webinar: 4000, email: 1000, direct: 1000 },
      w_shaped: { paid_search: 3000, webinar: 3000, email: 3000, direct: 1000 },
      full_path: { paid_search: 2500, webinar: 2500, email: 2500, direct: 2500 },
    });
    for (const model of body.models) {
      expect(model.total).toBe(10000);
      expect(model.channels.every((c) => c.deals === 1)).toBe(true);
    }
  });

  it("answers one model alone, with the half-life as a parameter", async () => {
    const response = await call(
      app,
      "GET",
      `/api/v1/goals/${q1}/attribution?model=time_decay&halfLife=14&asOf=2026-03-31`,
      { caller: owner },
    );
    const body = await readAs(response, singleAttributionSchema);
    expect(body.model).toBe("time_decay");
    expect(body.halfLife).toBe(14);
    // Ages at the close: 30, 20, 10 and 2 days; weight 2^(-age / 14).
    const weights = { paid_search: 30, webinar: 20, email: 10, direct: 2 };
    const sum = Object.values(weights).reduce((s, age) => s + 2 ** (-age / 14), 0);
    const credits = creditsOf(body.channels);
    for (const [channel, age] of Object.entries(weights)) {
      expect(
        Math.abs((credits[channel] ?? 0) - (10000 * 2 ** (-age / 14)) / sum),
      ).toBeLessThanOrEqual(0.01);
    }
    expect(body.channels.map((c) => c.channel)).toEqual([
      "direct",
      "email",
      "webinar",
      "paid_search",
    ]);
  });

  it("counts only the deals closed by asOf, and defaults asOf to today capped to the period", async () => {
    const early = await readAs(
      await call(app, "GET", `/api/v1/goals/${q1}/attribution?model=linear&asOf=2026-01-30`, {
        caller: owner,
      }),
      singleAttributionSchema,
    );
    expect(early).toMatchObject({ total: 0, deals: 0, channels: [] });
    const byDefault = await readAs(
      await call(app, "GET", `/api/v1/goals/${q1}/attribution?model=linear`, { caller: owner }),
      singleAttributionSchema,
    );
    expect(byDefault.asOf <= "2026-03-31").toBe(true);
    if (byDefault.asOf === "2026-03-31") expect(byDefault.total).toBe(10000);
  });

  it("makes credits of odd amounts add up to the total exactly, with touchless deals on (none)", async () => {
    const response = await call(app, "GET", `/api/v1/goals/${q2}/attribution?asOf=2026-06-30`, {
      caller: owner,
    });
    const body = await readAs(response, allAttributionSchema);
    // 333.33 + 100.01 + 0.07 + 1,000.03 + 250.00 + 12.34
    expect(body.total).toBe(1695.78);
    expect(body.deals).toBe(6);
    for (const model of body.models) {
      expect(cents(model.total)).toBe(169578);
      expect(model.channels.reduce((s, c) => s + cents(c.credit), 0)).toBe(169578);
      for (const c of model.channels)
        expect(Math.abs(c.credit * 100 - cents(c.credit))).toBeLessThan(1e-6);
      expect(model.channels.find((c) => c.channel === "(none)")).toEqual({
        channel: "(none)",
        credit: 262.34,
        deals: 2,
      });
    }
    const creditsUnder = (name: string) =>
      creditsOf(body.models.find((m) => m.model === name)?.channels ?? []);
    expect(creditsUnder("first_touch")).toEqual({
      paid_search: 1333.43,
      email: 100.01,
      "(none)": 262.34,
    });
    expect(creditsUnder("last_touch")).toEqual({
      direct: 1100.11,
      email: 333.33,
      "(none)": 262.34,
    });
  });

  it("rejects bad parameters with the field's path", async () => {
    const cases: [string, string][] = [
      ["model=pie_chart", "model"],
      ["halfLife=0.1", "halfLife"],
      ["halfLife=400", "halfLife"],
      ["halfLife=soon", "halfLife"],
      ["asOf=2026-02-30", "asOf"],
    ];
    for (const [query, path] of cases) {
      const response = await call(app, "GET", `/api/v1/goals/${q1}/attribution?${query}`, {
        caller: owner,
      });
      expect(response.status, query).toBe(422);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      const problem = await readProblem(response);
      expect(problem.code).toBe("validation_failed");
      expect(new Set(problem.errors?.map((e) => e.path))).toEqual(new Set([path]));
    }
  });

  it("lets a viewer read, hides another organization's goal and needs a sign-in", async () => {
    const viewer = await addMember(app, owner, "viewer");
    const read = await call(
      app,
      "GET",
      `/api/v1/goals/${q1}/attribution?model=linear&asOf=2026-03-31`,
      {
        caller: viewer,
      },
    );
    expect(read.status).toBe(200);
    const hidden = await call(app, "GET", `/api/v1/goals/${otherGoal}/attribution`, {
      caller: owner,
    });
    expect(hidden.status).toBe(404);
    expect((await readProblem(hidden)).code).toBe("not_found");
    const anonymous = await call(app, "GET", `/api/v1/goals/${q1}/attribution`);
    expect(anonymous.status).toBe(401);
  });
});

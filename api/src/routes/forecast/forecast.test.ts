import { describeEachEngine } from "@tandem/db/testing";
import { beforeAll, expect, it } from "vitest";
import { forecastView } from "../../forecast/build-forecast";
import { type ForecastView, forecastSchema } from "../../forecast/forecast-schema";
import { addCalendarDays, forecastPeriod, summarizePace } from "../../revenue";
import { type DealFact, forecastInputFromFacts, type LeadFact } from "../../revenue/forecast-facts";
import {
  type Caller,
  call,
  createGoal,
  createOwner,
  createTestApp,
  readAs,
  readProblem,
  type TestApp,
} from "../../testing/test-app";
import { createKey, ingestOk } from "../ingest/ingest.helpers";

const period = { startsOn: "2026-04-01", endsOn: "2026-06-30" };
const plan = { leadToMql: 0.5, mqlToSql: 0.5, sqlToWon: 0.4, avgDealSize: 3000 };
const goalBody = { name: "Q2", ...period, target: 400000, plan };

/** A small company's year and a half: three leads a day, a quarter of them becoming deals. */
function history() {
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const leads: LeadFact[] = [];
  const deals: DealFact[] = [];
  for (let day = "2025-01-06"; day <= "2026-06-30"; day = addCalendarDays(day, 1)) {
    for (let i = 0; i < 3; i++) {
      const id = `L${leads.length}`;
      const source = next() < 0.6 ? "web" : "events";
      const converts = next() < (source === "web" ? 0.2 : 0.35);
      const sqlOn = converts ? addCalendarDays(day, 5) : null;
      leads.push({ id, createdOn: day, source, sqlOn });
      if (!sqlOn) continue;
      const createdOn = addCalendarDays(sqlOn, 1);
      const fate = next();
      const status = fate < 0.45 ? "won" : fate < 0.85 ? "lost" : "open";
      const closedOn =
        status === "open" ? null : addCalendarDays(createdOn, 10 + Math.floor(next() * 50));
      const amount = 100_000 + Math.floor(next() * 40) * 10_000;
      deals.push({ leadId: id, createdOn, closedOn, status, amount });
    }
  }
  return { leads, deals };
}

/** The facts as the CRM knows them at the end of `today`: nothing later exists yet. */
function knownAt(facts: ReturnType<typeof history>, today: string) {
  const leads = facts.leads
    .filter((l) => l.createdOn <= today)
    .map((l) => ({ ...l, sqlOn: l.sqlOn !== null && l.sqlOn <= today ? l.sqlOn : null }));
  const deals = facts.deals
    .filter((d) => d.createdOn <= today)
    .map(
      (d): DealFact =>
        d.closedOn !== null && d.closedOn > today ? { ...d, status: "open", closedOn: null } : d,
    );
  return { leads, deals };
}

function records({ leads, deals }: ReturnType<typeof history>) {
  return {
    leads: leads.map((l) => ({
      externalId: l.id,
      createdAt: `${l.createdOn}T10:00:00Z`,
      source: l.source,
      mqlAt: l.sqlOn ? `${l.sqlOn}T09:00:00Z` : null,
      sqlAt: l.sqlOn ? `${l.sqlOn}T10:00:00Z` : null,
    })),
    deals: deals.map((d, i) => ({
      externalId: `D${i}`,
      leadExternalId: d.leadId,
      amount: d.amount / 100,
      status: d.status,
      createdAt: `${d.createdOn}T12:00:00Z`,
      closedAt: d.closedOn ? `${d.closedOn}T15:00:00Z` : null,
    })),
  };
}

async function ingestAll(app: TestApp, token: string, facts: ReturnType<typeof history>) {
  const { leads, deals } = records(facts);
  for (let i = 0; i < leads.length; i += 5000)
    await ingestOk(app, token, "leads", { records: leads.slice(i, i + 5000) });
  for (let i = 0; i < deals.length; i += 5000)
    await ingestOk(app, token, "deals", { records: deals.slice(i, i + 5000) });
}

/** The forecast computed from the facts themselves, as the model's tests compute it. */
function fromFacts(facts: ReturnType<typeof history>, asOf: string, goalId: string): ForecastView {
  const target = goalBody.target * 100;
  const input = forecastInputFromFacts(facts.leads, facts.deals, {
    period,
    asOf,
    target,
    plan: { leads: null, ...plan, avgDealSize: plan.avgDealSize * 100 },
  });
  const pace = summarizePace({ period, asOf, target, actual: input.booked, openPipeline: 0 });
  return forecastView(
    { id: goalId, currency: "USD" },
    { forecast: forecastPeriod(input), runRate: pace.projected },
  );
}

/** Equal to the cent for money, to 1e-9 for shares: the two paths add in other orders. */
function expectSameForecast(actual: ForecastView, expected: ForecastView) {
  const cents = (v: ForecastView) => ({
    booked: v.booked,
    pipeline: v.pipeline,
    leadsInHand: v.leadsInHand,
    leadsToCome: v.leadsToCome,
    total: v.total,
    nextPeriod: v.nextPeriod,
    history: v.history,
    status: v.status,
    leadsNeeded: v.leadsNeeded,
    medianDays: v.lag.medianDays,
  });
  expect(cents(actual)).toEqual(cents(expected));
  expect(actual.low).toBeCloseTo(expected.low, 1);
  expect(actual.high).toBeCloseTo(expected.high, 1);
  expect(actual.lag.q0).toBeCloseTo(expected.lag.q0, 9);
  expect(actual.lag.q1).toBeCloseTo(expected.lag.q1, 9);
  expect(actual.runRate).toBeCloseTo(expected.runRate ?? 0, 2);
}

describeEachEngine("forecast", (db) => {
  let app: TestApp;
  beforeAll(() => {
    app = createTestApp(db()).app;
  });

  const get = (caller: Caller, goalId: string, asOf?: string) =>
    call(app, "GET", `/api/v1/goals/${goalId}/forecast${asOf ? `?asOf=${asOf}` : ""}`, {
      caller,
    });

  it("reads from rollups what the model computes from the facts, and a past day as it was that day", async () => {
    const owner = await createOwner(app);
    const goal = await createGoal(app, owner, goalBody);
    const { token } = await createKey(app, owner);
    const facts = history();

    // What the CRM held at the end of May 15, then everything that happened since.
    const asOf = "2026-05-15";
    await ingestAll(app, token, knownAt(facts, asOf));
    const then = await readAs(await get(owner, goal.id, asOf), forecastSchema);
    expect(then.history.enough).toBe(true);
    expect(then.pipeline.deals).toBeGreaterThan(0);
    expect(then.leadsInHand.expected).toBeGreaterThan(0);
    expect(then.leadsToCome.expected).toBeGreaterThan(0);
    expectSameForecast(then, fromFacts(knownAt(facts, asOf), asOf, goal.id));
    // The four parts sum to the total to the cent.
    const cents = (v: number) => Math.round(v * 100);
    expect(
      cents(then.booked) +
        cents(then.pipeline.expected) +
        cents(then.leadsInHand.expected) +
        cents(then.leadsToCome.expected),
    ).toBe(cents(then.total));
    expect(then.low).toBeLessThanOrEqual(then.total);
    expect(then.high).toBeGreaterThanOrEqual(then.total);

    await ingestAll(app, token, facts);
    // Deals won or lost since, leads created since: May 15 answers as it did on May 15.
    expect(await readAs(await get(owner, goal.id, asOf), forecastSchema)).toEqual(then);
    for (const day of ["2026-04-01", "2026-06-01", "2026-06-30"]) {
      const view = await readAs(await get(owner, goal.id, day), forecastSchema);
      expectSameForecast(view, fromFacts(facts, day, goal.id));
    }
  });

  it("falls back to the plan's rates without history, and says so", async () => {
    const owner = await createOwner(app);
    const goal = await createGoal(app, owner, goalBody);
    const view = await readAs(await get(owner, goal.id, "2026-04-10"), forecastSchema);
    expect(view.history).toMatchObject({ wonDeals: 0, enough: false });
    expect(view.booked).toBe(0);
    expect(view.pipeline).toEqual({ expected: 0, deals: 0, amount: 0 });
    // 81 of the period's 91 days to come, at the plan's 10% lead->won and 3,000 a win.
    expect(view.leadsToCome.leads).toBe(Math.round((view.naiveLeadsNeeded ?? 0) * (81 / 91)));
    expect(view.total).toBe(view.leadsToCome.expected);
  });

  it("answers 404 for another organization's goal, 422 for a bad day, 401 without a session", async () => {
    const owner = await createOwner(app);
    const goal = await createGoal(app, owner, goalBody);
    const stranger = await createOwner(app, { name: "Other Co" });
    const hidden = await get(stranger, goal.id);
    expect(hidden.status).toBe(404);
    expect((await readProblem(hidden)).code).toBe("not_found");
    const bad = await get(owner, goal.id, "2026-02-30");
    expect(bad.status).toBe(422);
    expect((await readProblem(bad)).errors?.[0]?.path).toBe("asOf");
    expect((await call(app, "GET", `/api/v1/goals/${goal.id}/forecast`, {})).status).toBe(401);
  });

  it("is in the OpenAPI document", async () => {
    const doc = JSON.stringify(
      await (await app.request("http://localhost/api/v1/openapi.json")).json(),
    );
    expect(doc).toContain("/api/v1/goals/{id}/forecast");
    expect(doc).toContain('"Forecast"');
  });
});

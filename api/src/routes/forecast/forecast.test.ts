import { describeEachEngine } from "@tandem/db/testing";
import { beforeAll, expect, it } from "vitest";
import { forecastView } from "../../forecast/build-forecast";
import { type ForecastView, forecastSchema } from "../../forecast/forecast-schema";
import { forecastPeriod, summarizePace } from "../../revenue";
import { forecastInputFromFacts } from "../../revenue/forecast-facts";
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
import { createKey } from "../ingest/ingest.helpers";
import { goalBody, history, ingestAll, knownAt, period, plan } from "./forecast-fixtures";

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
    expect(view.pipeline).toMatchObject({ expected: 0, deals: 0, amount: 0, byCategory: [] });
    // 81 of the period's 91 days to come, at the plan's 10% lead->won and 3,000 a win.
    expect(view.leadsToCome.leads).toBe(Math.round((view.naiveLeadsNeeded ?? 0) * (81 / 91)));
    expect(view.total).toBe(view.leadsToCome.expected);
    // Nothing recorded: the total is the plan restated, so no verdict on it.
    expect(view.status).toBe("not_started");
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

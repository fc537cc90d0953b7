import { rebuildRollups } from "@tandem/db/queries/rollups";
import { dealCategoryHistory } from "@tandem/db/schema";
import { describeEachEngine } from "@tandem/db/testing";
import { beforeAll, expect, it } from "vitest";
import { forecastView } from "../../forecast/build-forecast";
import { type ForecastView, forecastSchema } from "../../forecast/forecast-schema";
import { addCalendarDays, daysBetween, forecastPeriod, summarizePace } from "../../revenue";
import type { ForecastCategory } from "../../revenue/forecast-categories";
import { type DealFact, forecastInputFromFacts } from "../../revenue/forecast-facts";
import {
  type Caller,
  call,
  createGoal,
  createOwner,
  createTestApp,
  readAs,
  type TestApp,
} from "../../testing/test-app";
import { createKey } from "../ingest/ingest.helpers";
import { goalBody, history, ingestAll, period, plan } from "./forecast-fixtures";

type Row = { sinceOn: string; category: ForecastCategory };

/**
 * The categories a daily sync would have recorded: pipeline from the deal's creation; a deal to
 * be won in commit from 60% of its life, one to be lost mostly in omitted from 70%, an open
 * one in best case after three weeks. Only rows dated while the deal is open.
 */
function withCategories(deals: readonly DealFact[]): DealFact[] {
  return deals.map((deal, i) => {
    const rows: Row[] = [{ sinceOn: deal.createdOn, category: "pipeline" }];
    const life = deal.closedOn === null ? null : daysBetween(deal.createdOn, deal.closedOn);
    if (life !== null && deal.status === "won" && life > 3)
      rows.push({
        sinceOn: addCalendarDays(deal.createdOn, Math.floor(0.6 * life)),
        category: "commit",
      });
    if (life !== null && deal.status === "lost" && life > 3 && i % 4 !== 0)
      rows.push({
        sinceOn: addCalendarDays(deal.createdOn, Math.floor(0.7 * life)),
        category: "omitted",
      });
    if (deal.status === "open")
      rows.push({ sinceOn: addCalendarDays(deal.createdOn, 21), category: "best_case" });
    return { ...deal, categories: rows };
  });
}

/** The facts at the end of `today`: later facts and category rows unknown, later closes open. */
function knownAt(deals: readonly DealFact[], today: string): DealFact[] {
  return deals
    .filter((d) => d.createdOn <= today)
    .map((d) => ({
      ...(d.closedOn !== null && d.closedOn > today
        ? { ...d, status: "open" as const, closedOn: null }
        : d),
      categories: d.categories?.filter((c) => c.sinceOn <= today),
    }));
}

function fromFacts(facts: ReturnType<typeof history>, deals: DealFact[], asOf: string, id: string) {
  const target = goalBody.target * 100;
  const input = forecastInputFromFacts(facts.leads, deals, {
    period,
    asOf,
    target,
    plan: { leads: null, ...plan, avgDealSize: plan.avgDealSize * 100 },
  });
  const pace = summarizePace({ period, asOf, target, actual: input.booked, openPipeline: 0 });
  return forecastView(
    { id, currency: "USD" },
    { forecast: forecastPeriod(input), runRate: pace.projected },
  );
}

// Decision 061 through the HTTP app: the open pipeline valued by each deal's forecast category
// at asOf, read from the category rollups, as the model computes it from the facts.
describeEachEngine("forecast by forecast category", (db) => {
  let app: TestApp;
  beforeAll(() => {
    app = createTestApp(db()).app;
  });

  const get = async (caller: Caller, goalId: string, asOf: string) =>
    readAs(
      await call(app, "GET", `/api/v1/goals/${goalId}/forecast?asOf=${asOf}`, { caller }),
      forecastSchema,
    );

  /** The history as a daily sync wrote it, around ingest, the store then rebuilt from facts. */
  async function recordCategories(orgId: string, deals: readonly DealFact[]) {
    const rows = deals.flatMap((deal, i) =>
      (deal.categories ?? []).map((row) => ({ orgId, dealExternalId: `D${i}`, ...row })),
    );
    for (let i = 0; i < rows.length; i += 2000)
      await db()
        .db.insert(dealCategoryHistory)
        .values(rows.slice(i, i + 2000));
    await rebuildRollups(db().db, orgId);
  }

  it("values each open deal by its category at asOf, from the rollups as from the facts", async () => {
    const owner = await createOwner(app);
    const goal = await createGoal(app, owner, goalBody);
    const { token } = await createKey(app, owner);
    const facts = history();
    const deals = withCategories(facts.deals);
    await ingestAll(app, token, facts);
    await recordCategories(owner.orgId, deals);

    const sameParts = (view: ForecastView, expected: ForecastView) => {
      expect(view.pipeline).toEqual(expected.pipeline);
      expect(view.total).toBe(expected.total);
    };
    // Day 20: before categoriesFrom (day 46, 16 May), every category at the all-deals chance.
    const early = await get(owner, goal.id, "2026-04-20");
    expect(early.pipeline.categoriesFrom).toBe("2026-05-16");
    expect(early.pipeline.byCategory.length).toBeGreaterThan(1);
    expect(early.pipeline.byCategory.every((p) => !p.learned)).toBe(true);
    sameParts(early, fromFacts(facts, deals, "2026-04-20", goal.id));

    for (const asOf of ["2026-05-16", "2026-06-10"]) {
      const view = await get(owner, goal.id, asOf);
      sameParts(view, fromFacts(facts, deals, asOf, goal.id));
      // As of that day exactly: later closes, facts and category rows change nothing.
      sameParts(view, fromFacts(facts, knownAt(deals, asOf), asOf, goal.id));
      const cents = (v: number) => Math.round(v * 100);
      expect(view.pipeline.byCategory.reduce((sum, p) => sum + cents(p.expected), 0)).toBe(
        cents(view.pipeline.expected),
      );
      expect(view.pipeline.byCategory.reduce((sum, p) => sum + p.deals, 0)).toBe(
        view.pipeline.deals,
      );
      const learned = view.pipeline.byCategory.filter((p) => p.learned).map((p) => p.category);
      expect(learned).toContain("pipeline");
    }
  });

  it("never shows another organization's categories", async () => {
    const owner = await createOwner(app);
    const goal = await createGoal(app, owner, goalBody);
    const { token } = await createKey(app, owner);
    const other = await createOwner(app, { name: "Other Co" });
    const { token: otherToken } = await createKey(app, other);
    const facts = history();
    await ingestAll(app, token, facts);
    await ingestAll(app, otherToken, facts);
    // The other organization records categories for the same deal ids: none shows here, where
    // the forecast is the one of the facts without any category.
    await recordCategories(other.orgId, withCategories(facts.deals));
    const mine = await get(owner, goal.id, "2026-06-10");
    expect(mine.pipeline.byCategory.map((p) => p.category)).toEqual([null]);
    expect(mine.pipeline).toEqual(fromFacts(facts, facts.deals, "2026-06-10", goal.id).pipeline);
    const otherGoal = await createGoal(app, other, goalBody);
    const theirs = await get(other, otherGoal.id, "2026-06-10");
    expect(theirs.pipeline.byCategory.map((p) => p.category)).toContain("best_case");
  });
});

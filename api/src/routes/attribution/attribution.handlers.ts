import type { RouteHandler } from "@hono/zod-openapi";
import { touchpointsOfDealsWonIn, wonDealsClosedIn } from "@tandem/db/queries/attribution";
import type { AppEnv } from "../../lib/context";
import { goalOrNotFound } from "../../lib/goal-or-not-found";
import { toMajorUnits } from "../../lib/money";
import { attributeDeals, attributeDealsAllModels, throughPeriodEnd } from "../../revenue";
import { dayRangeIn, todayIn } from "../../summary/org-calendar";
import type { getAttributionRoute } from "./attribution.routes";
import { modelCreditsView, toWonDeals } from "./attribution.view";

export const attribution: RouteHandler<typeof getAttributionRoute, AppEnv> = async (c) => {
  const { tenant, database } = c.var;
  const goal = await goalOrNotFound(c, c.req.valid("param").id);
  const query = c.req.valid("query");
  const timezone = tenant.organization.timezone;
  const requested = query.asOf ?? todayIn(timezone);
  const asOf = throughPeriodEnd(goal, requested);
  // Before the period starts the range is empty, and so is the answer.
  const range = dayRangeIn(goal.startsOn, asOf, timezone);

  // Two reads bounded by the period's won deals, not one snapshot: a write landing between
  // them can only change the touches of a deal won at that moment; the next request is exact.
  const [dealRows, touchRows] = await Promise.all([
    wonDealsClosedIn(database.db, tenant.orgId, range.from, range.to),
    touchpointsOfDealsWonIn(database.db, tenant.orgId, range.from, range.to),
  ]);
  const deals = toWonDeals(dealRows, touchRows);
  const options = { halfLifeDays: query.halfLife };
  const common = { asOf, currency: goal.currency, halfLife: query.halfLife, deals: deals.length };

  if (query.model === "all") {
    const results = attributeDealsAllModels(deals, options);
    const total = results[0]?.total ?? 0;
    return c.json(
      {
        model: query.model,
        total: toMajorUnits(total, goal.currency),
        models: results.map((r) => modelCreditsView(r, goal.currency)),
        ...common,
      },
      200,
    );
  }
  return c.json(
    { ...modelCreditsView(attributeDeals(deals, query.model, options), goal.currency), ...common },
    200,
  );
};

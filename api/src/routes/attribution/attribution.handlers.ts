import type { RouteHandler } from "@hono/zod-openapi";
import { touchpointsOfDealsWonIn, wonDealsClosedIn } from "@tandem/db/queries/attribution";
import { findGoal } from "@tandem/db/queries/goals";
import type { AppEnv } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import { toMajorUnits } from "../../lib/money";
import { attributeDeals, attributeDealsAllModels } from "../../revenue";
import { dayRangeIn, todayIn } from "../../summary/org-calendar";
import type { getAttributionRoute } from "./attribution.routes";
import { modelCreditsView, toWonDeals } from "./attribution.view";

export const attribution: RouteHandler<typeof getAttributionRoute, AppEnv> = async (c) => {
  const { tenant, database } = c.var;
  const goal = await findGoal(database.db, tenant.orgId, c.req.valid("param").id);
  if (!goal) throw new ApiError("not_found", "No such goal in your organization");
  const query = c.req.valid("query");
  const timezone = tenant.organization.timezone;
  const requested = query.asOf ?? todayIn(timezone);
  // biome-ignore lint/complexity/useMathMinMax: ISO dates compare as strings; Math.min gives NaN
  const asOf = requested > goal.endsOn ? goal.endsOn : requested;
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

import type { RouteHandler } from "@hono/zod-openapi";
import { leadQualityCounts, leadsAwaitingVerdict } from "@tandem/db/queries/lead-quality";
import type { AppEnv } from "../../lib/context";
import { goalOrNotFound } from "../../lib/goal-or-not-found";
import { throughPeriodEnd } from "../../revenue";
import { todayIn } from "../../summary/org-calendar";
import type { getLeadQualityRoute } from "./lead-quality.routes";
import { awaitingLeadView, leadQualityRowView } from "./lead-quality.view";
import { leadQualityWindow } from "./lead-quality-window";

/** Enough for a screen of leads to accept or reject; the rest wait for the next look. */
const AWAITING_LIST_SIZE = 20;

export const leadQuality: RouteHandler<typeof getLeadQualityRoute, AppEnv> = async (c) => {
  const { tenant, database } = c.var;
  const goal = await goalOrNotFound(c, c.req.valid("param").id);
  const { asOf: requested, groupBy } = c.req.valid("query");
  const timezone = tenant.organization.timezone;
  const asOf = requested ?? todayIn(timezone);
  const through = throughPeriodEnd(goal, asOf);
  const cohort = through < goal.startsOn ? null : { from: goal.startsOn, through };
  const window = leadQualityWindow(goal, asOf, timezone);

  const [counts, awaiting] = await Promise.all([
    leadQualityCounts(database.db, tenant.orgId, window, groupBy),
    leadsAwaitingVerdict(database.db, tenant.orgId, window, AWAITING_LIST_SIZE),
  ]);
  const totalCounts = counts.find((row) => row.isTotal);
  // The empty grouping set yields its row even when no lead matches.
  if (!totalCounts) throw new Error("lead quality query returned no total row");
  const view = (row: (typeof counts)[number]) => leadQualityRowView(row, goal.currency);
  return c.json(
    {
      asOf,
      cohort,
      groupBy,
      currency: goal.currency,
      rows: counts.filter((row) => !row.isTotal).map(view),
      total: view(totalCounts),
      awaitingVerdict: awaiting.map(awaitingLeadView),
    },
    200,
  );
};

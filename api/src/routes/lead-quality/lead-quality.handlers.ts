import type { RouteHandler } from "@hono/zod-openapi";
import { findGoal } from "@tandem/db/queries/goals";
import { leadQualityCounts, leadsAwaitingVerdict } from "@tandem/db/queries/lead-quality";
import type { AppEnv } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import { addCalendarDays } from "../../revenue";
import { dayRangeIn, startOfDayIn, todayIn } from "../../summary/org-calendar";
import type { getLeadQualityRoute } from "./lead-quality.routes";
import { awaitingLeadView, leadQualityRowView } from "./lead-quality.view";

/** Enough for a screen of leads to accept or reject; the rest wait for the next look. */
const AWAITING_LIST_SIZE = 20;

export const leadQuality: RouteHandler<typeof getLeadQualityRoute, AppEnv> = async (c) => {
  const { tenant, database } = c.var;
  const goal = await findGoal(database.db, tenant.orgId, c.req.valid("param").id);
  if (!goal) throw new ApiError("not_found", "No such goal in your organization");
  const { asOf: requested, groupBy } = c.req.valid("query");
  const timezone = tenant.organization.timezone;
  const asOf = requested ?? todayIn(timezone);
  // Cohort by creation day: only the period's days up to asOf choose the leads, but their
  // outcomes are followed up to asOf even past the period's end (docs/decisions).
  // biome-ignore lint/complexity/useMathMinMax: ISO dates compare as strings; Math.min gives NaN
  const through = asOf > goal.endsOn ? goal.endsOn : asOf;
  const cohort = through < goal.startsOn ? null : { from: goal.startsOn, through };
  const range = dayRangeIn(goal.startsOn, through, timezone);
  const window = { ...range, cut: startOfDayIn(addCalendarDays(asOf, 1), timezone) };

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

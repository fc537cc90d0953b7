import { randomBytes } from "node:crypto";
import { createApp } from "@tandem/api";
import type { Database } from "@tandem/db";
import { findGoal } from "@tandem/db/queries/goals";
// Internals of the API package, reached by path: the bench builds the real app the way the
// server does (api/src/index.ts) and adds one route next to it, which the package's public
// entry does not offer.
import { createAuth } from "../../api/src/lib/auth";
import { ApiError } from "../../api/src/lib/errors";
import { minorDigits } from "../../api/src/lib/money";
import { requireMember, requireUser } from "../../api/src/lib/tenant";
import { todayIn } from "../../api/src/summary/org-calendar";
import { naiveDailyFlows } from "./naive-summary";

export interface BenchAppOptions {
  database: Database;
  /** The origin the server answers on: the auth library checks it on sign-in. */
  origin: string;
  webDist?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The production app plus the naive baseline at GET /api/bench/naive-summary/:goalId, behind
 * the same session and membership checks as the summary so that both pay the same overhead.
 * It lives under /api so that the web app's fallback route never answers it.
 */
export function createBenchApp(options: BenchAppOptions) {
  const { database } = options;
  const auth = createAuth({
    database,
    secret: randomBytes(32).toString("base64url"),
    baseURL: options.origin,
    // The bench signs in once per server; a limit is not what it measures.
    signInPerMinute: 10_000,
  });
  const app = createApp({ database, auth, webDist: options.webDist });
  app.use("/api/bench/*", requireUser, requireMember);
  app.get("/api/bench/naive-summary/:goalId", async (c) => {
    const { tenant } = c.var;
    const goal = await findGoal(database.db, tenant.orgId, c.req.param("goalId"));
    if (!goal) throw new ApiError("not_found", "No such goal in your organization");
    const timezone = tenant.organization.timezone;
    const requested = c.req.query("asOf") ?? todayIn(timezone);
    if (!ISO_DATE.test(requested)) throw new ApiError("bad_request", "asOf must be YYYY-MM-DD");
    // biome-ignore lint/complexity/useMathMinMax: ISO dates are strings, Math.min makes them NaN
    const asOf = requested > goal.endsOn ? goal.endsOn : requested;
    const days =
      asOf < goal.startsOn
        ? []
        : await naiveDailyFlows(database.db, goal.orgId, goal.startsOn, asOf, timezone);
    const scale = 10 ** minorDigits(goal.currency);
    const totals = { leads: 0, mqls: 0, sqls: 0, wins: 0, revenue: 0 };
    for (const day of days) {
      totals.leads += day.leads;
      totals.mqls += day.mqls;
      totals.sqls += day.sqls;
      totals.wins += day.wins;
      totals.revenue += day.revenue;
    }
    return c.json({
      asOf,
      funnel: { ...totals, revenue: totals.revenue / scale },
      days: days.map((d) => ({ ...d, revenue: d.revenue / scale })),
    });
  });
  return app;
}

import { sessionQuery } from "../features/auth/session";
import { summaryQuery } from "../features/dashboard/api/summary";
import { defaultGoal, goalsQuery } from "../features/goals/api/goals";
import { meQuery } from "../features/organization/api/organization";
import { todayIn } from "../lib/format";
import { queryClient } from "../lib/query-client";

const isIsoDate = (value: string | null): value is string =>
  value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);

/**
 * On a full page load, asks for what the first screen shows while React and the screen's
 * chunk load, instead of one request after each render: the session, then the member and the
 * goals together, then (on the dashboard) the summary the page will ask for. Each answer lands
 * in the query cache under the key its screen reads, so the screen renders with data at once.
 * Nothing is asked of a visitor who is not signed in into an organization (no 401 to log).
 */
export async function prefetchFirstScreen(location: Location): Promise<void> {
  const path = location.pathname.replace(/\/+$/, "") || "/";
  if (path.startsWith("/tv/") || path === "/sign-in" || path === "/sign-up") return;
  try {
    const session = await queryClient.fetchQuery(sessionQuery);
    if (!session?.activeOrganizationId) return;
    const [me, goals] = await Promise.all([
      queryClient.fetchQuery(meQuery),
      queryClient.fetchQuery(goalsQuery),
    ]);
    if (path !== "/") return;
    const params = new URLSearchParams(location.search);
    const goal =
      goals.find((g) => g.id === params.get("goal")) ??
      defaultGoal(goals, todayIn(me.organization.timezone));
    if (!goal) return;
    const asOf = params.get("asOf");
    await queryClient.prefetchQuery(summaryQuery(goal.id, isIsoDate(asOf) ? asOf : null));
  } catch {
    // The screens ask again themselves and show the error in words.
  }
}

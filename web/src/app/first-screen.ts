import { defaultGoal } from "@tandem/api/revenue";
import { fetchSession, sessionQuery, toSessionUser } from "../features/auth/session";
import { type GoalSummary, summaryQuery } from "../features/dashboard/api/summary";
import { type Goal, goalsQuery } from "../features/goals/api/goals";
import { type Me, meQuery } from "../features/organization/api/organization";
import { todayIn } from "../lib/format";
import { queryClient } from "../lib/query-client";

const isIsoDate = (value: string | null): value is string =>
  value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** GET /api/v1/first-screen's answer, asked by public/first-screen.js before this script ran. */
interface FirstScreen {
  session: unknown;
  me: Me | null;
  goals: Goal[] | null;
  summary: { goalId: string; asOf: string | null; value: GoalSummary } | null;
}

declare global {
  interface Window {
    tandemFirstScreen?: Promise<FirstScreen | null>;
  }
}

/**
 * On a full page load, asks for what the first screen shows while React and the screen's
 * chunk load, instead of one request after each render. On the dashboard that is the one
 * request index.html already sent (public/first-screen.js); elsewhere the session, then the
 * member and the goals together. Each answer lands in the query cache under the key
 * its screen reads, so the screen renders with data at once. Nothing is asked of a visitor
 * who is not signed in into an organization (no 401 to log).
 */
export async function prefetchFirstScreen(location: Location): Promise<void> {
  const path = location.pathname.replace(/\/+$/, "") || "/";
  if (path.startsWith("/tv/") || path === "/sign-in" || path === "/sign-up") return;
  const early = window.tandemFirstScreen;
  if (early) {
    fromFirstScreen(early, location);
    return;
  }
  try {
    const session = await queryClient.fetchQuery(sessionQuery);
    if (!session?.activeOrganizationId) return;
    const [me, goals] = await Promise.all([
      queryClient.fetchQuery(meQuery),
      queryClient.fetchQuery(goalsQuery),
    ]);
    if (path !== "/") return;
    const choice = dashboardChoice(location, me, goals);
    if (choice) await queryClient.prefetchQuery(summaryQuery(choice.goal.id, choice.asOf));
  } catch {
    // The screens ask again themselves and show the error in words.
  }
}

/** The goal and day the dashboard will show, as it chooses them itself. */
function dashboardChoice(location: Location, me: Me, goals: readonly Goal[]) {
  const params = new URLSearchParams(location.search);
  const goal =
    goals.find((g) => g.id === params.get("goal")) ??
    defaultGoal(goals, todayIn(me.organization.timezone));
  const asOf = params.get("asOf");
  return goal ? { goal, asOf: isIsoDate(asOf) ? asOf : null } : null;
}

/**
 * The session query, in flight at once with index.html's early request as its answer, so the
 * app that renders meanwhile waits for it instead of asking again; the other parts land where
 * their screens read them before the session does, so nothing downstream asks either. With no
 * answer (a network failure) the session is asked for itself and the screens ask the rest.
 */
function fromFirstScreen(early: Promise<FirstScreen | null>, location: Location): void {
  void queryClient.prefetchQuery({
    ...sessionQuery,
    queryFn: async () => {
      const answer = await early;
      if (!answer) return fetchSession();
      const session = toSessionUser(answer.session);
      const { me, goals, summary } = answer;
      if (!session?.activeOrganizationId || !me || !goals) return session;
      queryClient.setQueryData(meQuery.queryKey, me);
      queryClient.setQueryData(goalsQuery.queryKey, goals);
      const choice = dashboardChoice(location, me, goals);
      // Kept only when it is the goal and day the dashboard will ask for.
      if (summary && choice?.goal.id === summary.goalId && choice.asOf === summary.asOf) {
        queryClient.setQueryData(
          summaryQuery(summary.goalId, summary.asOf).queryKey,
          summary.value,
        );
      }
      return session;
    },
  });
}

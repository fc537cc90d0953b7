import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../lib/context";
import { defaultGoal } from "../../revenue";
import { todayIn } from "../../summary/org-calendar";
import { getFirstScreenRoute } from "./first-screen.routes";

interface Part {
  status: number;
  text: string;
}

/**
 * GET /api/v1/first-screen: the dashboard's first requests (the session, then /me and the
 * goals, then the summary) asked of this same app inside one request, so a page load pays
 * one round trip instead of a chain of three, and can start it from index.html before the
 * app's script has loaded (decision 048). Each part goes through its own route, with its own
 * session, membership and organization checks: this adds no way in, and a refused part is
 * null. Cookies a part renews (the session's signed copy) are passed on.
 */
export function mountFirstScreen(app: OpenAPIHono<AppEnv>): void {
  app.openapi(getFirstScreenRoute, async (c) => {
    const headers = new Headers(c.req.raw.headers);
    // The parts are read as text and put together as they are.
    headers.delete("accept-encoding");
    const ask = async (path: string): Promise<Part> => {
      const response = await app.fetch(new Request(new URL(path, c.req.url), { headers }), c.env);
      for (const cookie of response.headers.getSetCookie()) {
        c.header("set-cookie", cookie, { append: true });
      }
      return { status: response.status, text: await response.text() };
    };
    const text = (part: Part) => (part.status === 200 ? part.text : "null");

    const session = await ask("/api/auth/get-session");
    const none = { session: text(session), me: "null", goals: "null", summary: "null" };
    const active = session.status === 200 ? activeOrganization(session.text) : null;
    const parts = active ? await memberParts(ask, c.req.valid("query")) : {};
    const body = { ...none, ...parts };
    c.header("content-type", "application/json");
    return c.body(
      `{"session":${body.session},"me":${body.me},"goals":${body.goals},"summary":${body.summary}}`,
      200,
      // The parts' own answers, already validated by their routes: the typed answer of the
      // route is this text, which c.json would only parse and write again.
    ) as never;
  });
}

async function memberParts(
  ask: (path: string) => Promise<Part>,
  query: { goal?: string; asOf?: string },
): Promise<{ me?: string; goals?: string; summary?: string }> {
  const [me, goals] = await Promise.all([ask("/api/v1/me"), ask("/api/v1/goals")]);
  if (me.status !== 200 || goals.status !== 200) return {};
  const list = (
    JSON.parse(goals.text) as { goals: { id: string; startsOn: string; endsOn: string }[] }
  ).goals;
  const { timezone } = (JSON.parse(me.text) as { organization: { timezone: string } }).organization;
  const goal = list.find((g) => g.id === query.goal) ?? defaultGoal(list, todayIn(timezone));
  const goalsText = JSON.stringify(list);
  if (!goal) return { me: me.text, goals: goalsText };
  const asOf = query.asOf ? `?asOf=${query.asOf}` : "";
  const summary = await ask(`/api/v1/goals/${encodeURIComponent(goal.id)}/summary${asOf}`);
  return {
    me: me.text,
    goals: goalsText,
    summary:
      summary.status === 200
        ? `{"goalId":${JSON.stringify(goal.id)},"asOf":${JSON.stringify(query.asOf ?? null)},"value":${summary.text}}`
        : "null",
  };
}

function activeOrganization(sessionText: string): string | null {
  const body = JSON.parse(sessionText) as {
    session?: { activeOrganizationId?: string | null };
  } | null;
  return body?.session?.activeOrganizationId ?? null;
}

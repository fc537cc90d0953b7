import type { Browser, Request } from "playwright-core";
import type { WebRequestTiming } from "./results";
import type { Session } from "./sign-in";

/** The dashboard's main number: on screen means the one thing it is for is usable. */
const HEADLINE = '[data-testid="headline-actual"]';
const LOAD_TIMEOUT_MS = 30_000;

export interface DashboardLoad {
  ms: number;
  /** Paths of the scripts fetched. */
  scripts: string[];
  timeline: WebRequestTiming[];
}

/**
 * One cold load of `/` in a fresh browser context (empty cache, the session cookie set), from
 * navigation until the headline number is visible. Any page error fails the benchmark: a fast
 * broken page is not a result.
 */
export async function loadDashboard(
  browser: Browser,
  origin: string,
  session: Session,
): Promise<DashboardLoad> {
  const context = await browser.newContext();
  try {
    const sameSite: "Lax" = "Lax";
    await context.addCookies(
      session.cookies.map((c) => ({ ...c, url: origin, httpOnly: true, sameSite })),
    );
    const page = await context.newPage();
    const errors: string[] = [];
    const scripts: string[] = [];
    const timeline: WebRequestTiming[] = [];
    const startedAt = new Map<Request, number>();
    let started = 0;
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("request", (request) => startedAt.set(request, performance.now() - started));
    page.on("requestfinished", (request) => {
      const url = new URL(request.url());
      if (url.origin !== origin) return;
      if (url.pathname.endsWith(".js")) scripts.push(url.pathname);
      timeline.push({
        path: url.pathname,
        startMs: startedAt.get(request) ?? 0,
        endMs: performance.now() - started,
      });
    });
    started = performance.now();
    await page.goto(`${origin}/`);
    await page.locator(HEADLINE).waitFor({ state: "visible", timeout: LOAD_TIMEOUT_MS });
    const ms = performance.now() - started;
    if (errors.length > 0) throw new Error(`the dashboard raised: ${errors.join("; ")}`);
    return { ms, scripts, timeline };
  } finally {
    await context.close();
  }
}

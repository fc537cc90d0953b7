import type { Browser, Request } from "playwright-core";
import type { PageMilestones, WebRequestTiming } from "./results";
import type { Session } from "./sign-in";

/** The dashboard's main number: on screen means the one thing it is for is usable. */
const HEADLINE = '[data-testid="headline-actual"]';
const LOAD_TIMEOUT_MS = 30_000;

export interface DashboardLoad {
  /** The page's own clock: from navigation start until just after the headline was painted. */
  ms: number;
  /**
   * When Playwright's `waitFor` saw the headline, on the bench's clock. It polls with a
   * back-off (0, 20, 50, 100, 100, then every 500 ms after the load event), so it is late by
   * up to half a second; kept beside the page's figure to show what earlier reports measured.
   */
  seenMs: number;
  /** Paths of the scripts fetched. */
  scripts: string[];
  timeline: WebRequestTiming[];
  milestones: PageMilestones;
}

declare global {
  interface Window {
    tandemHeadlinePaintedAt?: number;
  }
}

/**
 * Added to the page before its own scripts: each frame asks whether the headline is visible,
 * and the first frame that shows it queues a task, which runs once that frame is painted; the
 * task notes the time (`performance.now()`: milliseconds since navigation started). Checking
 * on every frame is exact to a frame, where polling from outside is not. A string, not a
 * function: tsx's keepNames would wrap an inner function in a `__name` the page lacks.
 */
const watchHeadline = `(() => {
  const selector = ${JSON.stringify(HEADLINE)};
  const check = () => {
    if (document.querySelector(selector)?.checkVisibility()) {
      setTimeout(() => { window.tandemHeadlinePaintedAt = performance.now(); }, 0);
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

/**
 * The page's own timings of what the headline waited for, read once it is on screen; scripts
 * only up to its paint (the chart's chunk comes after, on purpose).
 */
function readMilestones(paintedAt: number): PageMilestones {
  const [navigation] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
  const firstScreen = resources.find((r) => new URL(r.name).pathname === "/api/v1/first-screen");
  const scripts = resources.filter(
    (r) => new URL(r.name).pathname.endsWith(".js") && r.responseEnd <= paintedAt,
  );
  return {
    documentMs: navigation?.responseEnd ?? Number.NaN,
    scriptsInMs: Math.max(0, ...scripts.map((r) => r.responseEnd)),
    firstScreenMs: firstScreen?.responseEnd ?? Number.NaN,
    domContentLoadedMs: navigation?.domContentLoadedEventEnd ?? Number.NaN,
    firstContentfulPaintMs: paint?.startTime ?? Number.NaN,
  };
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
    await context.addInitScript({ content: watchHeadline });
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
    const seenMs = performance.now() - started;
    const painted = await page.waitForFunction(() => window.tandemHeadlinePaintedAt, undefined, {
      polling: "raf",
      timeout: LOAD_TIMEOUT_MS,
    });
    const ms = (await painted.jsonValue()) ?? Number.NaN;
    const milestones = await page.evaluate(readMilestones, ms);
    if (errors.length > 0) throw new Error(`the dashboard raised: ${errors.join("; ")}`);
    return { ms, seenMs, scripts, timeline, milestones };
  } finally {
    await context.close();
  }
}

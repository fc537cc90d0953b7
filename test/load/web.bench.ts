import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { type DashboardLoad, loadDashboard } from "./dashboard-load";
import { kb, ms } from "./format";
import type { WebFigures, WebLoads } from "./results";
import { startBenchServer } from "./server-process";
import { signInAsDemoOwner } from "./sign-in";
import { buildWebApp, gzipBytes, initialScripts } from "./web-assets";

export interface WebBenchOptions {
  repoRoot: string;
  /** Served one after the other; the last one's figure is held against the budget. */
  datasets: { label: string; databaseUrl: string }[];
  loads: number;
  log: (message: string) => void;
}

const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export async function benchWeb(options: WebBenchOptions): Promise<WebFigures> {
  const build = buildWebApp(options.repoRoot, options.log);
  const scripts = initialScripts(readFileSync(join(build.dist, "index.html"), "utf8"));
  if (scripts.length === 0) throw new Error("index.html names no module script");
  const initialJsGzipBytes = scripts.reduce((sum, path) => sum + gzipBytes(build.dist, path), 0);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  try {
    const loads: WebLoads[] = [];
    let dashboardScripts: string[] = [];
    for (const dataset of options.datasets) {
      const server = await startBenchServer({
        databaseUrl: dataset.databaseUrl,
        webDist: build.dist,
      });
      try {
        const session = await signInAsDemoOwner(server.origin);
        // The first load warms the server's JIT and the database; it is not counted.
        await loadDashboard(browser, server.origin, session);
        const runs: DashboardLoad[] = [];
        for (let i = 0; i < options.loads; i++) {
          const load = await loadDashboard(browser, server.origin, session);
          runs.push(load);
          dashboardScripts = load.scripts;
        }
        const usableMs = runs.map((r) => r.ms);
        const seenMs = runs.map((r) => r.seenMs);
        const medianRun = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor((runs.length - 1) / 2)];
        if (!medianRun) throw new Error("no dashboard load was measured");
        const medianUsableMs = medianRun.ms;
        const medianSeenMs = median(seenMs);
        options.log(
          `  web ${dataset.label}: usable in ${ms(medianUsableMs)} (median of ` +
            `${usableMs.map((v) => v.toFixed(0)).join(", ")}); Playwright's wait saw it at ` +
            `${ms(medianSeenMs)}`,
        );
        loads.push({
          dataset: dataset.label,
          usableMs,
          medianUsableMs,
          seenMs,
          medianSeenMs,
          timeline: medianRun.timeline,
          milestones: medianRun.milestones,
        });
      } finally {
        await server.stop();
      }
    }
    const dashboardJsGzipBytes = dashboardScripts.reduce(
      (sum, path) => sum + gzipBytes(build.dist, path),
      0,
    );
    options.log(
      `  web initial JS ${kb(initialJsGzipBytes)} gzip; dashboard JS ${kb(dashboardJsGzipBytes)} gzip`,
    );
    return {
      initialJsGzipBytes,
      initialJsFiles: scripts,
      dashboardJsGzipBytes,
      loads,
      build: build.how,
    };
  } finally {
    await browser.close();
  }
}

/** The middle value (the lower of the two middles for an even count). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}

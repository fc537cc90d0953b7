import { kb, ms, times } from "./format";
import type { BenchRun, SummaryFigures } from "./results";

/** The performance budgets, as the benchmark checks them and docs/benchmarks.md lists them. */
export const BUDGETS = {
  summaryP99Ms: 20,
  /** p99 at the largest size over p99 at the smallest: "flat" from 10k to 10M. */
  summaryGrowth: 2,
  /** The summary's req/s over the health check's, in the same run on the same server. */
  summaryShareOfHealth: 0.5,
  ingestShareOfCopy: 0.25,
  liveP95Ms: 500,
  initialJsGzipBytes: 250_000,
  dashboardUsableMs: 800,
  forecastP99Ms: 50,
  /** Backtested at days 30 and 45: the forecast's error over the run rate's. */
  forecastErrorShareOfRunRate: 0.5,
};

export interface BudgetCheck {
  name: string;
  budget: string;
  figure: string;
  /** null: not measured in this run. */
  met: boolean | null;
}

export function checkBudgets(run: BenchRun): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  const summary = run.summary.ok ? run.summary.figures : [];
  const largest = summary.at(-1);
  const smallest = summary[0];
  checks.push({
    name: `Summary p99 at ${largest?.dataset.label ?? "10m"}${largest && largest.dataset.label !== "10m" ? " (the budget is set at 10m)" : ""}`,
    budget: `< ${BUDGETS.summaryP99Ms} ms`,
    figure: largest ? ms(largest.summary.p99Ms) : "not measured",
    met: largest ? largest.summary.p99Ms < BUDGETS.summaryP99Ms : null,
  });
  const growth = summaryGrowth(summary);
  checks.push({
    name: `Summary flat: p99 ${largest?.dataset.label ?? "10m"} / ${smallest?.dataset.label ?? "10k"}`,
    budget: `≤ ${BUDGETS.summaryGrowth}×`,
    figure: growth === null ? "not measured" : times(growth),
    met: growth === null ? null : growth <= BUDGETS.summaryGrowth,
  });
  const ofHealth = largest
    ? largest.summary.requestsPerSecond / largest.health.requestsPerSecond
    : null;
  checks.push({
    name: `Summary req/s ÷ health's at ${largest?.dataset.label ?? "10m"}`,
    budget: `≥ ${BUDGETS.summaryShareOfHealth}×`,
    figure: ofHealth === null ? "not measured" : times(ofHealth),
    met: ofHealth === null ? null : ofHealth >= BUDGETS.summaryShareOfHealth,
  });
  const ingest = run.ingest.ok ? run.ingest.figures : null;
  const share = ingest ? ingest.apiRecordsPerSecond / ingest.copyRecordsPerSecond : null;
  checks.push({
    name: "Ingest: batch API / COPY",
    budget: `≥ ${BUDGETS.ingestShareOfCopy}×`,
    figure: share === null ? "not measured" : times(share),
    met: share === null ? null : share >= BUDGETS.ingestShareOfCopy,
  });
  const live = run.live.ok ? run.live.figures : null;
  checks.push({
    name: `Live: p95 delivery with ${live ? live.streams.toLocaleString("en-US") : "1,000"} streams`,
    budget: `< ${BUDGETS.liveP95Ms} ms`,
    figure: live ? ms(live.p95Ms) : "not measured",
    met: live ? live.p95Ms < BUDGETS.liveP95Ms : null,
  });
  const pair = live?.pair;
  checks.push({
    name: `Live: p95 delivery across two instances behind PgBouncer (${pair ? pair.streams.toLocaleString("en-US") : "1,000"} streams)`,
    budget: `< ${BUDGETS.liveP95Ms} ms`,
    figure: pair ? ms(pair.p95Ms) : "not measured",
    met: pair ? pair.p95Ms < BUDGETS.liveP95Ms : null,
  });
  const web = run.web.ok ? run.web.figures : null;
  checks.push({
    name: "Web: initial JavaScript, gzip",
    budget: `< ${kb(BUDGETS.initialJsGzipBytes)}`,
    figure: web ? kb(web.initialJsGzipBytes) : "not measured",
    met: web ? web.initialJsGzipBytes < BUDGETS.initialJsGzipBytes : null,
  });
  const usable = web?.loads.at(-1);
  checks.push({
    name: `Web: dashboard usable (median)${usable ? ` at ${usable.dataset}` : ""}`,
    budget: `< ${ms(BUDGETS.dashboardUsableMs)}`,
    figure: usable ? ms(usable.medianUsableMs) : "not measured",
    met: usable ? usable.medianUsableMs < BUDGETS.dashboardUsableMs : null,
  });
  checks.push(...forecastChecks(run));
  return checks;
}

function forecastChecks(run: BenchRun): BudgetCheck[] {
  const figures = run.forecast.ok ? run.forecast.figures : [];
  const largest = figures.at(-1);
  const checks: BudgetCheck[] = [
    {
      name: `Forecast p99 at ${largest?.dataset.label ?? "10m"}${largest && largest.dataset.label !== "10m" ? " (the budget is set at 10m)" : ""}`,
      budget: `< ${BUDGETS.forecastP99Ms} ms`,
      figure: largest ? ms(largest.forecast.p99Ms) : "not measured",
      met: largest ? largest.forecast.p99Ms < BUDGETS.forecastP99Ms : null,
    },
  ];
  for (const day of [30, 45]) {
    const at = largest?.backtest.byDay.find((d) => d.day === day);
    const share = at ? at.forecastMae / at.runRateMae : null;
    checks.push({
      name: `Forecast error / run-rate error at day ${day}${largest ? ` (${largest.dataset.label})` : ""}`,
      budget: `≤ ${BUDGETS.forecastErrorShareOfRunRate}×`,
      figure:
        share === null || !Number.isFinite(share)
          ? "not measured"
          : `${times(share)} (${(100 * (at?.forecastMae ?? 0)).toFixed(1)}% vs ${(100 * (at?.runRateMae ?? 0)).toFixed(1)}%)`,
      met:
        share === null || !Number.isFinite(share)
          ? null
          : share <= BUDGETS.forecastErrorShareOfRunRate,
    });
  }
  return checks;
}

/** p99 of the largest data set over the smallest; null with fewer than two sizes. */
export function summaryGrowth(figures: readonly SummaryFigures[]): number | null {
  const smallest = figures[0];
  const largest = figures.at(-1);
  if (!smallest || !largest || figures.length < 2) return null;
  return largest.summary.p99Ms / smallest.summary.p99Ms;
}

export function verdict(met: boolean | null): string {
  if (met === null) return "not measured";
  return met ? "met" : "**missed**";
}

import { BUDGETS } from "./budgets";
import { ms, perSecond, times } from "./format";
import type { BenchRun } from "./results";

const pct = (share: number) => (Number.isFinite(share) ? `${(100 * share).toFixed(1)}%` : "–");
const dollars = (minor: number) => `$${Math.round(minor / 100).toLocaleString("en-US")}`;

/** The forecast's latency at each size against health, and its backtest against the run rate. */
export function forecastSection(run: BenchRun): string[] {
  if (!run.forecast.ok) return ["## Forecast", "", `Not measured: ${run.forecast.reason}.`, ""];
  const figures = run.forecast.figures;
  const lines = [
    "## Forecast: `GET /api/v1/goals/:id/forecast`",
    "",
    "The real app in its own process on each data set, signed in as the demo owner; autocannon",
    "with 10 connections, the health check first in the same server (the ceiling). The forecast",
    "reads rollups only (decision 022), so its cost must not grow with the history.",
    "",
    "| size | forecast p50 | forecast p99 | forecast req/s | health p99 | forecast ÷ health, p99 | answers / errors |",
    "|---|---|---|---|---|---|---|",
    ...figures.map(
      (f) =>
        `| ${f.dataset.label} | ${ms(f.forecast.p50Ms)} | ${ms(f.forecast.p99Ms)} | ${perSecond(f.forecast.requestsPerSecond)} | ` +
        `${ms(f.health.p99Ms)} | ${times(f.forecast.p99Ms / f.health.p99Ms)} | ${f.forecast.samples} / ${f.forecast.errors} |`,
    ),
    "",
    "### Backtest: the forecast against the run rate",
    "",
    "At days 30, 45 and 60 of each closed period of the demo company, the forecast as it was that",
    "day (nothing dated later is read) and the run rate of the same day, each against the period's",
    `final revenue: mean absolute error as a share of the final. Budget: at days 30 and 45 the`,
    `forecast's error is at most ${BUDGETS.forecastErrorShareOfRunRate}× the run rate's.`,
    "",
    "| size | day | periods | forecast error | run-rate error | forecast ÷ run rate |",
    "|---|---|---|---|---|---|",
    ...figures.flatMap((f) =>
      f.backtest.byDay.map(
        (d) =>
          `| ${f.dataset.label} | ${d.day} | ${d.periods} | ${pct(d.forecastMae)} | ${pct(d.runRateMae)} | ${times(d.forecastMae / d.runRateMae)} |`,
      ),
    ),
    "",
  ];
  const detail = figures.at(-1);
  if (detail) {
    lines.push(
      `Each forecast of the ${detail.dataset.label} data set:`,
      "",
      "| period | day | as of | forecast | run rate | final | chances from |",
      "|---|---|---|---|---|---|---|",
      ...detail.backtest.points.map(
        (p) =>
          `| ${p.goal} | ${p.day} | ${p.asOf} | ${dollars(p.forecast)} | ${dollars(p.runRate)} | ${dollars(p.final)} | ${p.learned ? "history" : "the plan (too little history)"} |`,
      ),
      "",
    );
  }
  return lines;
}

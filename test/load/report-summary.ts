import { BUDGETS, summaryGrowth } from "./budgets";
import { count, ms, perSecond, times } from "./format";
import type { BenchRun, SummaryFigures } from "./results";
import { BREAKDOWN_READS } from "./summary-breakdown";

export function summarySection(run: BenchRun): string[] {
  const lines = ["## Summary: `GET /api/v1/goals/:id/summary`", ""];
  if (!run.summary.ok) return [...lines, `Not measured: ${run.summary.reason}`, ""];
  const figures = run.summary.figures;
  const first = figures[0];
  if (!first) return [...lines, "Not measured: no data set.", ""];
  lines.push(
    "The real app (createApp on @hono/node-server, in its own process) on each data set, signed in",
    `as the demo owner; autocannon with ${first.connections} connections for ${first.durationSeconds} s per target,`,
    "one target after the other on the same server: `GET /api/health` is the ceiling (the same",
    "middleware, one `select 1`), the summary is the figure, and the naive baseline",
    "(`GET /api/bench/naive-summary/:id`, mounted in the bench only) computes the same funnel",
    "flows per day with a GROUP BY over the leads and deals of the period. Both answer for the",
    `same day (asOf ${first.asOf}); "agrees" checks that their funnels are equal.`,
    "",
    "| size | rollup rows read | summary p50 | summary p99 | summary req/s | health p99 (ceiling) | summary ÷ health, p99 | naive p50 | naive p99 (baseline) | naive req/s | naive ÷ summary, p99 | agrees |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...figures.map(
      (s) =>
        `| ${s.dataset.label} | ${count(s.rollupRowsInPeriod)} | ${ms(s.summary.p50Ms)} | ${ms(s.summary.p99Ms)} | ` +
        `${perSecond(s.summary.requestsPerSecond)} | ${ms(s.health.p99Ms)} | ${times(s.summary.p99Ms / s.health.p99Ms)} | ` +
        `${ms(s.naive.p50Ms)} | ${ms(s.naive.p99Ms)} | ${perSecond(s.naive.requestsPerSecond)} | ` +
        `${times(s.naive.p99Ms / s.summary.p99Ms)} | ${s.naiveAgrees ? "yes" : "**no**"} |`,
    ),
    "",
    "Samples per target (answers timed / errors): " +
      figures
        .map(
          (s) =>
            `${s.dataset.label} health ${count(s.health.samples)}/${s.health.errors}, summary ` +
            `${count(s.summary.samples)}/${s.summary.errors}, naive ${count(s.naive.samples)}/${s.naive.errors}`,
        )
        .join("; ") +
      ". A naive request slower than a twentieth of the duration runs a fixed two requests per connection instead.",
    "",
    "The summary with one connection, so that nothing waits behind another request (its",
    "service time):",
    "",
    "| size | p50 | p99 | req/s |",
    "|---|---|---|---|",
    ...figures.map(
      (s) =>
        `| ${s.dataset.label} | ${ms(s.summarySerial.p50Ms)} | ${ms(s.summarySerial.p99Ms)} | ${perSecond(s.summarySerial.requestsPerSecond)} |`,
    ),
    "",
    ...breakdownTable(figures),
    ...summaryNotes(figures),
  );
  return lines;
}

function breakdownTable(figures: readonly SummaryFigures[]): string[] {
  const steps = Object.keys(figures[0]?.breakdown ?? {});
  if (steps.length === 0) return [];
  return [
    "Where a summary's time goes: each query it makes, alone, one at a time, median of 15 (ms):",
    "",
    `| query | reads | ${figures.map((s) => s.dataset.label).join(" | ")} |`,
    `|---|---|${figures.map(() => "---|").join("")}`,
    ...steps.map(
      (step) =>
        `| ${step} | ${BREAKDOWN_READS[step] ?? ""} | ${figures.map((s) => ms(s.breakdown[step] ?? Number.NaN)).join(" | ")} |`,
    ),
    "",
  ];
}

/** Why the budget is met or missed, from the figures themselves. */
function summaryNotes(figures: readonly SummaryFigures[]): string[] {
  const smallest = figures[0];
  const largest = figures.at(-1);
  if (!smallest || !largest) return [];
  const notes: string[] = [];
  const growth = summaryGrowth(figures);
  if (growth !== null) {
    notes.push(
      `- Growth: summary p99 is ${times(growth)} from ${smallest.dataset.label} to ${largest.dataset.label} ` +
        `(budget ≤ ${BUDGETS.summaryGrowth}×); the naive baseline's is ${times(largest.naive.p99Ms / smallest.naive.p99Ms)}. ` +
        `A p99 is at the mercy of whatever else the machine runs; steadier figures: ` +
        `p50 ${times(largest.summary.p50Ms / smallest.summary.p50Ms)}, one-connection p50 ` +
        `${times(largest.summarySerial.p50Ms / smallest.summarySerial.p50Ms)}.`,
    );
    let worst: { step: string; ratio: number } | null = null;
    for (const step of Object.keys(smallest.breakdown)) {
      const a = smallest.breakdown[step];
      const b = largest.breakdown[step];
      if (a === undefined || b === undefined || step.startsWith("buildSummary")) continue;
      if (!worst || b / a > worst.ratio) worst = { step, ratio: b / a };
    }
    if (worst && worst.ratio > BUDGETS.summaryGrowth) {
      notes.push(
        `- The query that grows: "${worst.step}" (${BREAKDOWN_READS[worst.step] ?? ""}) takes ` +
          `${ms(smallest.breakdown[worst.step] ?? Number.NaN)} at ${smallest.dataset.label} and ` +
          `${ms(largest.breakdown[worst.step] ?? Number.NaN)} at ${largest.dataset.label} (${times(worst.ratio)}); ` +
          "the rollup reads stay flat.",
      );
    }
  }
  const loaded = largest.summary;
  if (loaded.p99Ms >= BUDGETS.summaryP99Ms && loaded.requestsPerSecond > 0) {
    // Little's law: with every connection always busy, latency = connections / throughput.
    const waitMs = (largest.connections / loaded.requestsPerSecond) * 1000;
    notes.push(
      `- At ${largest.dataset.label}, p99 is ${ms(loaded.p99Ms)} with ${largest.connections} connections and ` +
        `${ms(largest.summarySerial.p99Ms)} with one. ${largest.connections} connections at ` +
        `${perSecond(loaded.requestsPerSecond)} keep each request ${ms(waitMs)} in the system on average ` +
        `(Little's law): the cores are saturated and requests queue. To fit ${ms(BUDGETS.summaryP99Ms)} at ` +
        `${largest.connections} connections the machine must answer more than ` +
        `${perSecond((largest.connections / BUDGETS.summaryP99Ms) * 1000)} (the mean is below the p99), so the cost per request ` +
        "(queries, round trips, session lookup) is what must shrink.",
    );
  }
  return notes.length > 0 ? [...notes, ""] : [];
}

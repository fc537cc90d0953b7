import { checkBudgets, verdict } from "./budgets";
import { kb, mb, ms, seconds } from "./format";
import { citusConsoleLines, citusSection } from "./report-citus";
import { forecastSection } from "./report-forecast";
import { ingestSection, liveSection, revenueSection } from "./report-parts";
import { summarySection } from "./report-summary";
import { webSection } from "./report-web";
import type { BenchRun } from "./results";

/** docs/benchmarks.md: every figure of the run, its baseline and the ratio, and the budgets. */
export function renderReport(run: BenchRun): string {
  const m = run.machine;
  const lines = [
    "# Benchmarks",
    "",
    `Written by \`pnpm bench${run.mode === "quick" ? " --quick" : ""}${run.citus ? " --citus" : ""}\` on ${run.startedAt.slice(0, 16).replace("T", " ")} UTC ` +
      `(${run.mode} run, ${seconds(run.seconds)}). Each run rewrites this file; do not edit it by hand. ` +
      "How and why it measures this way: [decision 008](decisions/008-benchmarks.md).",
    "",
    "## Machine",
    "",
    "| CPU | cores | memory | Node | PostgreSQL | OS | load average, start → end |",
    "|---|---|---|---|---|---|---|",
    `| ${m.cpu} | ${m.cores} | ${m.memoryGb} GB | ${m.node} | ${m.postgres} | ${m.os} | ${m.loadAverage.start.toFixed(1)} → ${m.loadAverage.end.toFixed(1)} |`,
    "",
    "Everything runs on this one machine: PostgreSQL, the app under test, the load generator and",
    "the browser share its cores. A load average above the number of cores means other work",
    "was running too, and every latency below is longer for it.",
    "",
    "## Budgets",
    "",
    "| budget | target | figure | verdict |",
    "|---|---|---|---|",
    ...checkBudgets(run).map(
      (c) => `| ${c.name} | ${c.budget} | ${c.figure} | ${verdict(c.met)} |`,
    ),
    "",
    ...datasetsSection(run),
    ...revenueSection(run.revenue, run.summary),
    ...summarySection(run),
    ...forecastSection(run),
    ...ingestSection(run.ingest),
    ...liveSection(run.live),
    ...webSection(run.web),
    ...citusSection(run),
  ];
  if (run.pending.length > 0) {
    lines.push("## Pending", "", ...run.pending.map((p) => `- ${p}`), "");
  }
  return `${lines.join("\n")}\n`;
}

function datasetsSection(run: BenchRun): string[] {
  if (run.datasets.length === 0) return [];
  return [
    "## Data sets",
    "",
    "Made by the demo generator (`seedDemo` with `leads: N`, seed 1) into one database each on",
    "the server, then `VACUUM (ANALYZE)`, and reused by later runs until the generator's source",
    "changes. Generation time is the whole of it: create, migrate, generate, insert, rollups,",
    "vacuum.",
    "",
    "| size | leads | deals | touchpoints | database | generated in | facts/s | generated | facts up to |",
    "|---|---|---|---|---|---|---|---|---|",
    ...run.datasets.map((d) => {
      const facts = d.leads + d.deals + d.touchpoints;
      const when =
        d.generatedSeconds === null ? `reused (${d.madeOn.slice(0, 10)})` : "in this run";
      return (
        `| ${d.label} | ${d.leads.toLocaleString("en-US")} | ${d.deals.toLocaleString("en-US")} | ` +
        `${d.touchpoints.toLocaleString("en-US")} | ${mb(d.sizeBytes)} | ${seconds(d.madeInSeconds)} | ` +
        `${Math.round(facts / d.madeInSeconds).toLocaleString("en-US")} | ${when} | ${d.today} |`
      );
    }),
    "",
  ];
}

/** The few lines printed at the end of a run. */
export function renderConsoleSummary(run: BenchRun): string {
  const lines = [`pnpm bench (${run.mode}) in ${seconds(run.seconds)}`];
  if (run.summary.ok) {
    for (const s of run.summary.figures) {
      lines.push(
        `  summary ${s.dataset.label.padEnd(5)} p50 ${ms(s.summary.p50Ms)}, p99 ${ms(s.summary.p99Ms)}, ` +
          `1-conn p99 ${ms(s.summarySerial.p99Ms)} | health p99 ${ms(s.health.p99Ms)} | naive p99 ${ms(s.naive.p99Ms)}`,
      );
    }
  }
  if (run.web.ok) {
    const usable = run.web.figures.loads.map((l) => `${l.dataset} ${ms(l.medianUsableMs)}`);
    lines.push(
      `  web initial JS ${kb(run.web.figures.initialJsGzipBytes)} gzip, usable in ${usable.join(", ")}`,
    );
  }
  lines.push(...citusConsoleLines(run));
  for (const c of checkBudgets(run)) {
    const mark = c.met === null ? "  ? " : c.met ? "  ✓ " : "  ✗ ";
    lines.push(`${mark}${c.name}: ${c.figure} (budget ${c.budget})`);
  }
  for (const p of run.pending) lines.push(`  pending: ${p}`);
  return lines.join("\n");
}

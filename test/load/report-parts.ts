import { BUDGETS } from "./budgets";
import { count, ms, perSecond, times } from "./format";
import type {
  IngestFigures,
  LiveFigures,
  LoadFigures,
  PartOutcome,
  SummaryFigures,
} from "./results";
import type { RevenueFigures } from "./revenue.bench";

export function ingestSection(outcome: PartOutcome<IngestFigures>): string[] {
  const lines = ["## Ingest: batch API vs COPY", ""];
  if (!outcome.ok) return [...lines, `Not measured: ${outcome.reason}`, ""];
  const f = outcome.figures;
  return [
    ...lines,
    `${f.records.toLocaleString("en-US")} records each way in batches of ${f.batchSize.toLocaleString("en-US")}, ` +
      `into the same database in the same run. ${f.note}`,
    "",
    "| figure | batch API | COPY (baseline) | API ÷ COPY | budget |",
    "|---|---|---|---|---|",
    `| records/s | ${perSecond(f.apiRecordsPerSecond)} | ${perSecond(f.copyRecordsPerSecond)} | ` +
      `${times(f.apiRecordsPerSecond / f.copyRecordsPerSecond)} | ≥ ${BUDGETS.ingestShareOfCopy}× |`,
    `| records/s, the same batches resent (all unchanged) | ${perSecond(f.resendRecordsPerSecond)} | ` +
      `${perSecond(f.copyRecordsPerSecond)} | ${times(f.resendRecordsPerSecond / f.copyRecordsPerSecond)} | – |`,
    "",
  ];
}

export function liveSection(outcome: PartOutcome<LiveFigures>): string[] {
  const lines = ["## Live: check-in to open TV streams", ""];
  if (!outcome.ok) return [...lines, `Not measured: ${outcome.reason}`, ""];
  const f = outcome.figures;
  const mib = (value: number) => `${value.toFixed(0)} MiB`;
  return [
    ...lines,
    `${count(f.streams)} display streams open on one server, a check-in a second for ` +
      `${count(f.changes)} s: ${count(f.deliveries)} deliveries, ${count(f.missed)} missed. ${f.note}`,
    "",
    "| streams | delivery p50 | delivery p95 | delivery max | server RSS, streams open | server RSS before (baseline) | ratio | budget (p95) |",
    "|---|---|---|---|---|---|---|---|",
    `| ${count(f.streams)} | ${ms(f.p50Ms)} | ${ms(f.p95Ms)} | ${ms(f.maxMs)} | ${mib(f.serverRssMb)} | ` +
      `${mib(f.serverRssIdleMb)} | ${times(f.serverRssMb / f.serverRssIdleMb)} | < ${ms(BUDGETS.liveP95Ms)} |`,
    "",
    ...livePairLines(f.pair),
  ];
}

function livePairLines(pair: LiveFigures["pair"]): string[] {
  if (!pair)
    return ["Two instances behind PgBouncer: not measured (pgbouncer is not installed).", ""];
  const row = (name: string, f: LoadFigures) =>
    `| ${name} | ${ms(f.p50Ms)} | ${ms(f.p99Ms)} | ${perSecond(f.requestsPerSecond)} | ${count(f.samples)} / ${count(f.errors)} |`;
  return [
    "### Two instances behind PgBouncer",
    "",
    "Two API processes, every query through a real PgBouncer in transaction mode (no prepared " +
      "statements), each with its LISTEN on a direct connection (docs/scaling.md). A check-in is " +
      `posted to the first; ${count(pair.streams)} display streams are open on the second. ` +
      `${count(pair.deliveries)} deliveries, ${count(pair.missed)} missed. ${pair.note}`,
    "",
    "| streams | delivery p50 | delivery p95 | delivery max | budget (p95) |",
    "|---|---|---|---|---|",
    `| ${count(pair.streams)} | ${ms(pair.p50Ms)} | ${ms(pair.p95Ms)} | ${ms(pair.maxMs)} | < ${ms(BUDGETS.liveP95Ms)} |`,
    "",
    "The second instance read through the pooler afterwards, 10 connections, the live test's own small organization (the summary is from memory; the health check is the ceiling):",
    "",
    "| target | p50 | p99 | req/s | answers / errors |",
    "|---|---|---|---|---|",
    row("`GET /api/health`", pair.health),
    row("`GET /api/v1/goals/:id/summary`", pair.summary),
    "",
    `Summary ÷ health, req/s: ${times(pair.summary.requestsPerSecond / pair.health.requestsPerSecond)} (budget ≥ ${BUDGETS.summaryShareOfHealth}×).`,
    "",
  ];
}

export function revenueSection(
  outcome: PartOutcome<RevenueFigures>,
  summary: PartOutcome<SummaryFigures[]>,
): string[] {
  const lines = ["## Revenue model (pure code, one core)", ""];
  if (!outcome.ok) return [...lines, `Not measured: ${outcome.reason}`, ""];
  const f = outcome.figures;
  const smallest = summary.ok ? summary.figures[0] : undefined;
  const share = smallest
    ? ` — ${((100 * f.perSummaryMicros) / 1000 / smallest.summarySerial.p50Ms).toFixed(2)}% of the summary's ` +
      `one-connection p50 at ${smallest.dataset.label} (${ms(smallest.summarySerial.p50Ms)}), the baseline measured in this run`
    : "";
  return [
    ...lines,
    `The model's work in one summary request (a pace summary and a gap decomposition) takes ` +
      `${f.perSummaryMicros.toFixed(1)} µs${share}: the summary is never limited by this code. ` +
      `One 1,000-deal attribution under all seven models takes ${ms(f.allModelsMs)}.`,
    "",
    "| operation | per second |",
    "|---|---|",
    ...f.rows.map((r) => `| ${r.label} | ${count(r.perSecond)} ${r.unit}/s |`),
    "",
  ];
}

// `pnpm bench [--quick]`: the data sets, then each part against its baseline, then
// docs/benchmarks.md and a short summary on stdout. See docs/decisions/008-benchmarks.md.
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type BenchOptions, type Part, parseBenchOptions } from "./bench-options";
import { runCitusPart } from "./citus-part";
import { databaseUrlFor, ensureDataset } from "./datasets";
import { benchForecast } from "./forecast.bench";
import { runIngestPart } from "./ingest-part";
import { runLivePart } from "./live-part";
import { machineFacts } from "./machine";
import { renderConsoleSummary, renderReport } from "./report";
import type {
  BenchRun,
  DatasetFigures,
  ForecastFigures,
  PartOutcome,
  SummaryFigures,
} from "./results";
import { benchRevenueModel } from "./revenue.bench";
import { benchSummary } from "./summary.bench";
import { benchWeb } from "./web.bench";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const log = (message: string) => console.log(message);

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const loadAtStart = loadavg()[0] ?? 0;
  const machine = await machineFacts(options.databaseUrl);
  log(
    `pnpm bench (${options.mode}): ${options.sizes.map((s) => s.label).join(", ")} on ${machine.cpu}, ${machine.cores} cores`,
  );

  const pending: string[] = [];
  const datasets: DatasetFigures[] = [];
  for (const spec of options.sizes) {
    try {
      datasets.push(await ensureDataset(spec, options.databaseUrl, log));
    } catch (error) {
      pending.push(`data set ${spec.label}: ${message(error)}`);
    }
  }

  const revenue = await part(options, "revenue", async () => ({
    ok: true,
    figures: benchRevenueModel(options.mode === "quick" ? 200 : 1_000),
  }));
  const summary = await part(options, "summary", () => runSummaries(options, datasets));
  const forecast = await part(options, "forecast", () => runForecasts(options, datasets));
  const ingest = await part(options, "ingest", () =>
    runIngestPart({ databaseUrl: options.databaseUrl, log, quick: options.mode === "quick" }),
  );
  const live = await part(options, "live", () =>
    runLivePart({
      databaseUrl: options.databaseUrl,
      streams: options.streams,
      quick: options.mode === "quick",
      log,
    }),
  );
  const citusUrl = options.citusUrl;
  const citus = citusUrl ? await runCitusPart(options, citusUrl, log) : undefined;
  // The largest data set is the budget's; in a full run the smallest too, for the web app's
  // own share of the time.
  const largest = datasets.at(-1);
  const smallest = datasets[0];
  const webDatasets =
    options.mode === "full" && smallest && smallest !== largest ? [smallest, largest] : [largest];
  const web = await part(options, "web", async () => {
    const served = webDatasets.flatMap((d) => {
      const spec = d && options.sizes.find((s) => s.label === d.label);
      return spec
        ? [{ label: spec.label, databaseUrl: databaseUrlFor(options.databaseUrl, spec) }]
        : [];
    });
    if (served.length === 0) return { ok: false, reason: "no data set to serve" };
    const figures = await benchWeb({ repoRoot, datasets: served, loads: options.webLoads, log });
    return { ok: true, figures };
  });

  const run: BenchRun = {
    mode: options.mode,
    startedAt,
    seconds: (performance.now() - started) / 1000,
    machine: { ...machine, loadAverage: { start: loadAtStart, end: loadavg()[0] ?? 0 } },
    datasets,
    revenue,
    summary,
    forecast,
    ingest,
    live,
    web,
    citus,
    pending,
  };
  // Relative to the repository (docs/benchmarks.md by default), or an absolute path.
  writeFileSync(resolve(repoRoot, options.out), renderReport(run));
  log(`\n${renderConsoleSummary(run)}\nReport: ${options.out}`);
}

async function runSummaries(
  options: BenchOptions,
  datasets: readonly DatasetFigures[],
): Promise<PartOutcome<SummaryFigures[]>> {
  const figures: SummaryFigures[] = [];
  for (const dataset of datasets) {
    const spec = options.sizes.find((s) => s.label === dataset.label);
    if (!spec) continue;
    figures.push(
      await benchSummary(dataset, {
        databaseUrl: databaseUrlFor(options.databaseUrl, spec),
        connections: options.connections,
        durationSeconds: options.durationSeconds,
        serialSeconds: options.serialSeconds,
        log,
      }),
    );
  }
  return figures.length > 0 ? { ok: true, figures } : { ok: false, reason: "no data set" };
}

async function runForecasts(
  options: BenchOptions,
  datasets: readonly DatasetFigures[],
): Promise<PartOutcome<ForecastFigures[]>> {
  const figures: ForecastFigures[] = [];
  for (const dataset of datasets) {
    const spec = options.sizes.find((s) => s.label === dataset.label);
    if (!spec) continue;
    figures.push(
      await benchForecast(dataset, {
        databaseUrl: databaseUrlFor(options.databaseUrl, spec),
        connections: options.connections,
        durationSeconds: options.durationSeconds,
        log,
      }),
    );
  }
  return figures.length > 0 ? { ok: true, figures } : { ok: false, reason: "no data set" };
}

/** Runs one part unless left out; a part that throws is reported, and the others still run. */
async function part<T>(
  options: BenchOptions,
  name: Part,
  run: () => Promise<PartOutcome<T>>,
): Promise<PartOutcome<T>> {
  if (!options.parts.has(name)) return { ok: false, reason: "left out of this run (--only)" };
  log(`${name}…`);
  const started = performance.now();
  try {
    const outcome = await run();
    if (!outcome.ok) log(`  ${name}: not measured: ${outcome.reason}`);
    return outcome;
  } catch (error) {
    log(`  ${name} failed: ${message(error)}`);
    return { ok: false, reason: `failed: ${message(error)}` };
  } finally {
    log(`  ${name} took ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});

import { describeCluster } from "../../db/src/testing/citus";
import type { BenchOptions } from "./bench-options";
import { databaseUrlFor, ensureDataset } from "./datasets";
import { runIngestPart } from "./ingest-part";
import type { CitusFigures, PartOutcome, SummaryFigures } from "./results";
import { benchSummary } from "./summary.bench";

/**
 * `pnpm bench --citus`: the summary and ingest parts again, unchanged, with the API on the
 * cluster's coordinator: the same data sets generated into distributed databases (kept between
 * runs like the single server's), the same load, so the two sit side by side in one report.
 */
export async function runCitusPart(
  options: BenchOptions,
  coordinatorUrl: string,
  log: (message: string) => void,
): Promise<CitusFigures> {
  const cluster = await describeCluster(coordinatorUrl);
  log(`citus: ${cluster} at ${coordinatorUrl}`);
  const summary = options.parts.has("summary")
    ? await attempt(async () => {
        const figures: SummaryFigures[] = [];
        for (const spec of options.sizes) {
          const dataset = await ensureDataset(spec, coordinatorUrl, log, true);
          figures.push(
            await benchSummary(dataset, {
              databaseUrl: databaseUrlFor(coordinatorUrl, spec, true),
              connections: options.connections,
              durationSeconds: options.durationSeconds,
              serialSeconds: options.serialSeconds,
              log: (message) => log(`  on Citus: ${message}`),
            }),
          );
        }
        return { ok: true, figures };
      })
    : { ok: false as const, reason: "left out of this run (--only)" };
  const ingest = options.parts.has("ingest")
    ? await attempt(() =>
        runIngestPart({
          databaseUrl: coordinatorUrl,
          log,
          quick: options.mode === "quick",
          citus: true,
        }),
      )
    : { ok: false as const, reason: "left out of this run (--only)" };
  return { cluster, summary, ingest };
}

async function attempt<T>(run: () => Promise<PartOutcome<T>>): Promise<PartOutcome<T>> {
  try {
    return await run();
  } catch (error) {
    return { ok: false, reason: `failed: ${error instanceof Error ? error.message : error}` };
  }
}

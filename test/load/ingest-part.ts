import { runIngestBench } from "./ingest.bench";
import type { IngestFigures, PartOutcome } from "./results";

export interface IngestPartOptions {
  databaseUrl: string;
  quick: boolean;
  log: (message: string) => void;
  /** `databaseUrl` is a Citus coordinator (`pnpm bench --citus`). */
  citus?: boolean;
}

const BATCH = 10_000;

/** The ingest engineer's benchmark (ingest.bench.ts): batch API vs COPY, same rows, same run. */
export async function runIngestPart(
  options: IngestPartOptions,
): Promise<PartOutcome<IngestFigures>> {
  const result = await runIngestBench({
    serverUrl: options.databaseUrl,
    records: options.quick ? 50_000 : 200_000,
    batchSize: BATCH,
    log: (message) => options.log(`  ingest${options.citus ? " on Citus" : ""}: ${message}`),
    citus: options.citus,
  });
  options.log(
    `  ingest API ${result.apiRecordsPerSecond.toLocaleString("en-US")}/s, COPY ` +
      `${result.copyRecordsPerSecond.toLocaleString("en-US")}/s (${result.ratio}×)`,
  );
  return {
    ok: true,
    figures: {
      records: result.records,
      batchSize: result.batchSize,
      apiRecordsPerSecond: result.apiRecordsPerSecond,
      resendRecordsPerSecond: result.resendRecordsPerSecond,
      copyRecordsPerSecond: result.copyRecordsPerSecond,
      note:
        "Leads only, in batches through `POST /api/v1/ingest/leads` with an API key (rollups kept " +
        "in step, then checked against the facts), against `COPY leads FROM STDIN` of the same rows; " +
        "a scratch database, dropped after.",
    },
  };
}

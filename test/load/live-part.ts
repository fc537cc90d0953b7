import { hasPgbouncer } from "@tandem/db/testing/pgbouncer";
import { ms, perSecond } from "./format";
import type { LiveFigures, LivePairFigures, PartOutcome } from "./results";
import { runStreamLoad, type StreamLoadResult } from "./stream-load";

export interface LivePartOptions {
  databaseUrl: string;
  streams: number;
  quick: boolean;
  log: (message: string) => void;
}

const sentence = (note: string) => `${note.charAt(0).toUpperCase()}${note.slice(1)}.`;

/**
 * The live engineer's stream load test (stream-load.ts): check-in to every open TV stream, on
 * one server, then across two behind PgBouncer when Debian's pgbouncer is installed.
 */
export async function runLivePart(options: LivePartOptions): Promise<PartOutcome<LiveFigures>> {
  const run = (instances: 1 | 2) =>
    runStreamLoad({
      streams: options.streams,
      durationSeconds: options.quick ? 10 : 20,
      databaseUrl: options.databaseUrl,
      instances,
      log: (message) =>
        options.log(`  live${instances === 2 ? " (two instances)" : ""}: ${message}`),
    });
  const describe = (label: string, result: StreamLoadResult) =>
    options.log(
      `  live ${label}${result.streams} streams: p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, max ` +
        `${result.maxMs} ms, ${result.missed} missed, server RSS ${result.serverRssMb} MB`,
    );
  const result = await run(1);
  describe("", result);
  let pair: LivePairFigures | undefined;
  if (hasPgbouncer()) {
    const two = await run(2);
    describe("two instances behind PgBouncer, ", two);
    const reads = two.pooledReads;
    if (reads) {
      options.log(
        `  live two instances: health ${perSecond(reads.health.requestsPerSecond)} p99 ${ms(reads.health.p99Ms)}, ` +
          `summary ${perSecond(reads.summary.requestsPerSecond)} p99 ${ms(reads.summary.p99Ms)}`,
      );
      pair = {
        streams: two.streams,
        changes: two.changes,
        deliveries: two.deliveries,
        missed: two.missed,
        p50Ms: two.p50Ms,
        p95Ms: two.p95Ms,
        maxMs: two.maxMs,
        health: reads.health,
        summary: reads.summary,
        note: sentence(two.note),
      };
    }
  } else
    options.log("  live: no pgbouncer installed (apt-get install pgbouncer): one instance only");
  return {
    ok: true,
    figures: {
      streams: result.streams,
      changes: result.changes,
      deliveries: result.deliveries,
      missed: result.missed,
      p50Ms: result.p50Ms,
      p95Ms: result.p95Ms,
      maxMs: result.maxMs,
      serverRssMb: result.serverRssMb,
      serverRssIdleMb: result.serverRssIdleMb,
      note: sentence(result.note),
      pair,
    },
  };
}

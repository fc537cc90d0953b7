import type { LiveFigures, PartOutcome } from "./results";
import { runStreamLoad } from "./stream-load";

export interface LivePartOptions {
  databaseUrl: string;
  streams: number;
  quick: boolean;
  log: (message: string) => void;
}

/** The live engineer's stream load test (stream-load.ts): check-in to every open TV stream. */
export async function runLivePart(options: LivePartOptions): Promise<PartOutcome<LiveFigures>> {
  const result = await runStreamLoad({
    streams: options.streams,
    durationSeconds: options.quick ? 10 : 20,
    databaseUrl: options.databaseUrl,
    log: (message) => options.log(`  live: ${message}`),
  });
  options.log(
    `  live ${result.streams} streams: p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, max ` +
      `${result.maxMs} ms, ${result.missed} missed, server RSS ${result.serverRssMb} MB`,
  );
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
      note: `${result.note.charAt(0).toUpperCase()}${result.note.slice(1)}.`,
    },
  };
}

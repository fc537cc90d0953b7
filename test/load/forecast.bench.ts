import { DEMO_GOAL_ID } from "@tandem/db/demo";
import { forecastSchema } from "../../api/src/forecast/forecast-schema";
import { backtestForecast } from "./forecast-backtest";
import { runLoad } from "./load";
import type { DatasetFigures, ForecastFigures } from "./results";
import { startBenchServer } from "./server-process";
import { signInAsDemoOwner } from "./sign-in";

export interface ForecastBenchOptions {
  databaseUrl: string;
  connections: number;
  durationSeconds: number;
  log: (message: string) => void;
}

/**
 * One data set: the forecast route under load beside the health check (the ceiling) in the same
 * server, then the backtest of the forecast against the run rate on the data set's closed periods.
 */
export async function benchForecast(
  dataset: DatasetFigures,
  options: ForecastBenchOptions,
): Promise<ForecastFigures> {
  const server = await startBenchServer({ databaseUrl: options.databaseUrl });
  try {
    const session = await signInAsDemoOwner(server.origin);
    const headers = { cookie: session.cookie };
    const path = `/api/v1/goals/${DEMO_GOAL_ID}/forecast`;
    const response = await fetch(`${server.origin}${path}`, { headers });
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
    const first = forecastSchema.parse(await response.json());
    const url = `${server.origin}${path}?asOf=${first.asOf}`;
    const base = { headers, connections: options.connections, timeoutSeconds: 10 };
    // Warm the JIT, the pool and the caches (and write the day's snapshot) before timing.
    await runLoad({ ...base, url: `${server.origin}/api/health`, durationSeconds: 1 });
    await runLoad({ ...base, url, durationSeconds: 1 });
    const health = await runLoad({
      ...base,
      url: `${server.origin}/api/health`,
      durationSeconds: options.durationSeconds,
    });
    const forecast = await runLoad({ ...base, url, durationSeconds: options.durationSeconds });
    options.log(
      `  ${dataset.label} forecast p50 ${forecast.p50Ms.toFixed(2)} ms  p99 ${forecast.p99Ms.toFixed(2)} ms  ` +
        `${forecast.requestsPerSecond.toFixed(1)} req/s | health p99 ${health.p99Ms.toFixed(2)} ms`,
    );
    const backtest = await backtestForecast(options.databaseUrl, dataset.today);
    for (const d of backtest.byDay) {
      options.log(
        `  ${dataset.label} backtest day ${d.day}: forecast MAE ${(100 * d.forecastMae).toFixed(1)}%, run rate ${(100 * d.runRateMae).toFixed(1)}% (${d.periods} periods)`,
      );
    }
    return { dataset, asOf: first.asOf, health, forecast, backtest };
  } finally {
    await server.stop();
  }
}

import autocannon from "autocannon";
import type { LoadFigures } from "./results";

export interface LoadTarget {
  url: string;
  headers: Record<string, string>;
  connections: number;
  /** Run for this long... */
  durationSeconds: number;
  /** ...or, when set, until this many requests have been answered (slow targets). */
  amount?: number;
  timeoutSeconds: number;
}

/**
 * Drives one URL with autocannon. Latencies are taken from each response as a float, because
 * autocannon's own histogram keeps whole milliseconds, too coarse for a 1 ms health check.
 */
export function runLoad(target: LoadTarget): Promise<LoadFigures> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        headers: target.headers,
        connections: target.connections,
        duration: target.durationSeconds,
        amount: target.amount,
        timeout: target.timeoutSeconds,
      },
      (error) => {
        if (error) {
          reject(error);
          return;
        }
        const seconds = (performance.now() - started) / 1000;
        resolve(figures(latencies, errors, seconds));
      },
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      else errors++;
    });
    instance.on("reqError", () => {
      errors++;
    });
  });
}

export function figures(latencies: number[], errors: number, seconds: number): LoadFigures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    requestsPerSecond: seconds > 0 ? sorted.length / seconds : 0,
    samples: sorted.length,
    errors,
  };
}

/** Nearest-rank percentile of an ascending list; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

import { createDb, schema } from "@tandem/db";
import { DEMO_GOAL_ID, demoOrganization } from "@tandem/db/demo";
import { and, count, eq, gte, lte } from "drizzle-orm";
import { summarySchema } from "../../api/src/summary/summary-schema";
import { type LoadTarget, runLoad } from "./load";
import type { DatasetFigures, LoadFigures, SummaryFigures } from "./results";
import { startBenchServer } from "./server-process";
import { signInAsDemoOwner } from "./sign-in";
import { summaryBreakdown } from "./summary-breakdown";

export interface SummaryBenchOptions {
  databaseUrl: string;
  connections: number;
  durationSeconds: number;
  /** For the one-connection run, which needs fewer seconds for as many samples. */
  serialSeconds: number;
  log: (message: string) => void;
}

interface Funnel {
  leads: number;
  mqls: number;
  sqls: number;
  wins: number;
  revenue: number;
}

/**
 * A slow target runs a fixed number of requests instead of a duration: autocannon drops what
 * is in flight when the time is up, which for multi-second requests would be most of them.
 */
const SLOW_REQUEST_SHARE_OF_DURATION = 1 / 20;
const REQUESTS_PER_CONNECTION_WHEN_SLOW = 2;
const SERIAL_REQUESTS_WHEN_SLOW = 10;

/**
 * One data set: the real app on its database, the summary under load next to the health check
 * (the ceiling) and the naive scan of the facts (the baseline), all in the same server.
 */
export async function benchSummary(
  dataset: DatasetFigures,
  options: SummaryBenchOptions,
): Promise<SummaryFigures> {
  const server = await startBenchServer({ databaseUrl: options.databaseUrl });
  try {
    const session = await signInAsDemoOwner(server.origin);
    const headers = { cookie: session.cookie };
    const summaryPath = `/api/v1/goals/${DEMO_GOAL_ID}/summary`;

    const first = summarySchema.parse(await getJson(`${server.origin}${summaryPath}`, headers));
    const asOf = first.asOf;
    const summaryUrl = `${server.origin}${summaryPath}?asOf=${asOf}`;
    const naiveUrl = `${server.origin}/api/bench/naive-summary/${DEMO_GOAL_ID}?asOf=${asOf}`;
    const probeStarted = performance.now();
    const naiveFunnel = readNaiveFunnel(await getJson(naiveUrl, headers));
    const naiveProbeMs = performance.now() - probeStarted;
    const naiveAgrees = sameFunnel(first.funnel.actual, naiveFunnel);
    if (!naiveAgrees) {
      options.log(
        `  ${dataset.label}: the naive scan disagrees with the summary: ${JSON.stringify(naiveFunnel)} vs ${JSON.stringify(first.funnel.actual)}`,
      );
    }

    const base = {
      headers,
      connections: options.connections,
      durationSeconds: options.durationSeconds,
      timeoutSeconds: 10,
    };
    // Warm the JIT, the connection pool and the caches before anything is timed.
    await runLoad({ ...base, url: `${server.origin}/api/health`, durationSeconds: 1 });
    await runLoad({ ...base, url: summaryUrl, durationSeconds: 1 });

    const health = await measured(options, dataset, "health", {
      ...base,
      url: `${server.origin}/api/health`,
    });
    const summary = await measured(options, dataset, "summary", { ...base, url: summaryUrl });
    // Under load each connection holds about 1/connections of the latency: the service time.
    const serialSlow =
      summary.p50Ms / options.connections >
      options.serialSeconds * 1000 * SLOW_REQUEST_SHARE_OF_DURATION;
    const summarySerial = await measured(options, dataset, "summary, 1 connection", {
      ...base,
      url: summaryUrl,
      connections: 1,
      durationSeconds: options.serialSeconds,
      amount: serialSlow ? SERIAL_REQUESTS_WHEN_SLOW : undefined,
    });
    const slow = naiveProbeMs > options.durationSeconds * 1000 * SLOW_REQUEST_SHARE_OF_DURATION;
    const naive = await measured(options, dataset, "naive", {
      ...base,
      url: naiveUrl,
      amount: slow ? options.connections * REQUESTS_PER_CONNECTION_WHEN_SLOW : undefined,
      timeoutSeconds: 600,
    });
    return {
      dataset,
      asOf,
      connections: options.connections,
      durationSeconds: options.durationSeconds,
      rollupRowsInPeriod: await rollupRows(options.databaseUrl, first.goal.startsOn, asOf),
      health,
      summary,
      summarySerial,
      naive,
      naiveAgrees,
      breakdown: await summaryBreakdown(options.databaseUrl, asOf),
    };
  } finally {
    await server.stop();
  }
}

async function measured(
  options: SummaryBenchOptions,
  dataset: DatasetFigures,
  name: string,
  target: LoadTarget,
): Promise<LoadFigures> {
  const result = await runLoad(target);
  options.log(
    `  ${dataset.label} ${name.padEnd(21)} p50 ${result.p50Ms.toFixed(2)} ms  p99 ${result.p99Ms.toFixed(2)} ms  ` +
      `${result.requestsPerSecond.toFixed(1)} req/s  (${result.samples} answers, ${result.errors} errors)`,
  );
  return result;
}

async function getJson(url: string, headers: Record<string, string>): Promise<unknown> {
  const response = await fetch(url, { headers });
  if (response.status !== 200) {
    throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  }
  return response.json();
}

function readNaiveFunnel(body: unknown): Funnel {
  if (typeof body === "object" && body !== null && "funnel" in body) {
    const f = body.funnel;
    if (
      typeof f === "object" &&
      f !== null &&
      "leads" in f &&
      typeof f.leads === "number" &&
      "mqls" in f &&
      typeof f.mqls === "number" &&
      "sqls" in f &&
      typeof f.sqls === "number" &&
      "wins" in f &&
      typeof f.wins === "number" &&
      "revenue" in f &&
      typeof f.revenue === "number"
    ) {
      return { leads: f.leads, mqls: f.mqls, sqls: f.sqls, wins: f.wins, revenue: f.revenue };
    }
  }
  throw new Error(`unexpected naive summary: ${JSON.stringify(body).slice(0, 200)}`);
}

function sameFunnel(a: Funnel, b: Funnel): boolean {
  return (
    a.leads === b.leads &&
    a.mqls === b.mqls &&
    a.sqls === b.sqls &&
    a.wins === b.wins &&
    Math.abs(a.revenue - b.revenue) < 0.005
  );
}

/** What the summary's cost depends on: the rollup rows of the period so far. */
async function rollupRows(databaseUrl: string, from: string, to: string): Promise<number> {
  const database = createDb({ url: databaseUrl, max: 1 });
  try {
    const r = schema.dailyRollups;
    const rows = await database.db
      .select({ rows: count() })
      .from(r)
      .where(and(eq(r.orgId, demoOrganization.id), gte(r.day, from), lte(r.day, to)));
    return rows[0]?.rows ?? 0;
  } finally {
    await database.close();
  }
}

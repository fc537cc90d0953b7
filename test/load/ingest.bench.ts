/**
 * Ingest micro-benchmark: leads per second through the real HTTP API (batches of 10,000 with an
 * API key, rollups kept in step) next to a raw `COPY leads FROM STDIN` of the same rows into the
 * same database, measured in one run on one machine. The budget (docs/benchmarks.md, "Budgets") is a quarter of COPY.
 *
 *   node --import tsx test/load/ingest.bench.ts [--records 100000] [--batch 10000] [--concurrency 2] [--rounds 3]
 *
 * BENCH_DATABASE_URL names the server (default postgres://postgres@127.0.0.1:5432/postgres); a
 * scratch database is created there and dropped at the end.
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { serve } from "@hono/node-server";
import { createApp } from "@tandem/api";
import { createDb, type Database } from "@tandem/db";
import { createApiKey } from "@tandem/db/queries/api-keys";
import type { LeadFact } from "@tandem/db/queries/ingest";
import { copyLeads } from "@tandem/db/queries/ingest-copy";
import { countFacts } from "@tandem/db/queries/ingest-inspect";
import { diffRollups } from "@tandem/db/queries/rollups";
import { organization } from "@tandem/db/schema";
import { newApiKeyToken } from "../../api/src/lib/api-key-auth";
import { createAuth } from "../../api/src/lib/auth";
import { createDistributedCitusDatabase, dropCitusDatabase } from "../../db/src/testing/citus";
import {
  createServerDatabase,
  databaseUrl,
  dropServerDatabase,
} from "../../db/src/testing/template";

export interface IngestBenchOptions {
  serverUrl: string;
  records: number;
  batchSize: number;
  /** Batches in flight at once for the second figure (default 2): validation overlaps writing. */
  concurrency?: number;
  /** API and COPY runs, alternated; the medians are reported (default 3). */
  rounds?: number;
  log?: (message: string) => void;
  /** `serverUrl` is a Citus coordinator: the scratch database is distributed on its cluster. */
  citus?: boolean;
}

export interface IngestBenchResult {
  records: number;
  batchSize: number;
  concurrency: number;
  rounds: number;
  /** One batch at a time (median of the rounds). */
  apiRecordsPerSecond: number;
  /** `concurrency` batches in flight (into a fresh organization). */
  concurrentRecordsPerSecond: number;
  /** The same batches sent again: every record unchanged, nothing written. */
  resendRecordsPerSecond: number;
  copyRecordsPerSecond: number;
  /** API speed as a share of COPY speed. */
  ratio: number;
}

const SOURCES = [
  "paid_search",
  "organic",
  "webinar",
  "events",
  "partner",
  "email",
  "social",
  "direct",
];
const DAY_MS = 86_400_000;

/** Deterministic leads over a quarter: the same rows every run, for the API and for COPY. */
function makeLeads(count: number): LeadFact[] {
  const start = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (_, i) => {
    const created = start + ((i * 7_919) % ((90 * DAY_MS) / 1000)) * 1000;
    const iso = (ms: number) => new Date(ms).toISOString();
    return {
      externalId: `lead-${i}`,
      createdAt: iso(created),
      source: SOURCES[i % SOURCES.length] ?? "direct",
      campaign: `campaign-${i % 5}`,
      mqlAt: i % 10 < 3 ? iso(created + 2 * DAY_MS) : null,
      sqlAt: i % 10 === 0 ? iso(created + 9 * DAY_MS) : null,
      firstContactAt: i % 10 < 2 ? iso(created + 3 * DAY_MS) : null,
    };
  });
}

const rate = (records: number, ms: number) => Math.round((records / ms) * 1000);

/** An organization with an ingest key, straight through the query layer. */
async function organizationWithKey(database: Database, id: string): Promise<string> {
  await database.db
    .insert(organization)
    .values({ id, name: id, slug: id, currency: "USD", timezone: "America/New_York" });
  const key = newApiKeyToken(id);
  await createApiKey(
    database.db,
    id,
    { name: "bench", scope: "ingest", prefix: key.prefix, secretHash: key.secretHash },
    { kind: "system", id: "bench" },
  );
  return key.token;
}

function startServer(database: Database): Promise<{ url: string; close: () => Promise<void> }> {
  const auth = createAuth({
    database,
    secret: randomBytes(32).toString("hex"),
    baseURL: "http://127.0.0.1",
  });
  const app = createApp({ database, auth });
  return new Promise((ready) => {
    const server = serve(
      { fetch: app.fetch, port: 0, hostname: "127.0.0.1" },
      (info: AddressInfo) =>
        ready({
          url: `http://127.0.0.1:${info.port}/api/v1/ingest/leads`,
          close: () => new Promise<void>((closed) => server.close(() => closed())),
        }),
    );
  });
}

/** Posts every body with `concurrency` requests in flight; the elapsed milliseconds. */
async function post(url: string, token: string, bodies: readonly string[], concurrency: number) {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const response = await fetch(url, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body,
      });
      if (response.status !== 200) {
        throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
      }
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return performance.now() - started;
}

async function checkStored(database: Database, orgId: string, records: number): Promise<void> {
  const stored = await countFacts(database.db, "leads", orgId);
  if (stored !== records) throw new Error(`expected ${records} leads in ${orgId}, found ${stored}`);
  const differences = await diffRollups(database.db, orgId);
  if (differences.length > 0)
    throw new Error(`rollups disagree with facts in ${differences.length} rows`);
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/**
 * Rounds alternate API and COPY, each into a fresh organization of the same database, and the
 * median of each is reported: on a shared machine a single pair of runs can be off by a factor
 * of two in either direction, and alternating exposes both to the same background load.
 */
export async function runIngestBench(options: IngestBenchOptions): Promise<IngestBenchResult> {
  const log = options.log ?? (() => {});
  const concurrency = options.concurrency ?? 2;
  const rounds = options.rounds ?? 3;
  const name = `tandem_ingest_bench_${randomBytes(4).toString("hex")}`;
  const url = options.citus
    ? await createDistributedCitusDatabase(options.serverUrl, name)
    : await createScratch(options.serverUrl, name);
  const database = createDb({ url, max: 10 });
  try {
    await database.migrate();
    const leads = makeLeads(options.records);
    // Bodies are serialised before the clock starts: the client's JSON work is not the server's.
    const bodies: string[] = [];
    for (let i = 0; i < leads.length; i += options.batchSize) {
      bodies.push(JSON.stringify({ records: leads.slice(i, i + options.batchSize) }));
    }

    const server = await startServer(database);
    const apiMs: number[] = [];
    const copyMs: number[] = [];
    let resendMs = 0;
    let concurrentMs = 0;
    try {
      for (let round = 1; round <= rounds; round++) {
        const orgId = `bench_api_${round}`;
        const token = await organizationWithKey(database, orgId);
        log(
          `round ${round}/${rounds}: API, ${options.records} leads in ${bodies.length} batches of ${options.batchSize}`,
        );
        apiMs.push(await post(server.url, token, bodies, 1));
        await checkStored(database, orgId, options.records);
        if (round === 1) {
          log("API: the same batches again (all unchanged)");
          resendMs = await post(server.url, token, bodies, 1);
        }
        const copyOrg = `bench_copy_${round}`;
        await organizationWithKey(database, copyOrg);
        log(`round ${round}/${rounds}: COPY of the same rows`);
        const started = performance.now();
        await copyLeads(url, copyOrg, leads);
        copyMs.push(performance.now() - started);
      }
      log(`API: ${concurrency} batches in flight`);
      const token = await organizationWithKey(database, "bench_api_concurrent");
      concurrentMs = await post(server.url, token, bodies, concurrency);
      await checkStored(database, "bench_api_concurrent", options.records);
    } finally {
      await server.close();
    }

    const apiRecordsPerSecond = rate(options.records, median(apiMs));
    const copyRecordsPerSecond = rate(options.records, median(copyMs));
    return {
      records: options.records,
      batchSize: options.batchSize,
      concurrency,
      rounds,
      apiRecordsPerSecond,
      concurrentRecordsPerSecond: rate(options.records, concurrentMs),
      resendRecordsPerSecond: rate(options.records, resendMs),
      copyRecordsPerSecond,
      ratio: Math.round((apiRecordsPerSecond / copyRecordsPerSecond) * 1000) / 1000,
    };
  } finally {
    await database.close();
    if (options.citus) await dropCitusDatabase(options.serverUrl, name);
    else await dropServerDatabase(options.serverUrl, name);
  }
}

async function createScratch(serverUrl: string, name: string): Promise<string> {
  await createServerDatabase(serverUrl, name);
  return databaseUrl(serverUrl, name);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      records: { type: "string" },
      batch: { type: "string" },
      concurrency: { type: "string" },
      rounds: { type: "string" },
    },
  });
  const result = await runIngestBench({
    serverUrl: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    records: Number(values.records ?? 100_000),
    batchSize: Number(values.batch ?? 10_000),
    concurrency: Number(values.concurrency ?? 2),
    rounds: Number(values.rounds ?? 3),
    log: (message) => console.error(message),
  });
  const n = (x: number) => x.toLocaleString("en-US");
  console.log(
    `ingest API    ${n(result.apiRecordsPerSecond)} leads/s  (batches of ${n(result.batchSize)}, rollups in step, median of ${result.rounds})`,
  );
  console.log(
    `  ${result.concurrency} in flight ${n(result.concurrentRecordsPerSecond)} leads/s  (validation overlaps writing)`,
  );
  console.log(
    `  resent      ${n(result.resendRecordsPerSecond)} leads/s  (all unchanged, nothing written)`,
  );
  console.log(
    `COPY          ${n(result.copyRecordsPerSecond)} leads/s  (raw COPY FROM STDIN, same rows, median of ${result.rounds})`,
  );
  console.log(`API / COPY    ${result.ratio}  (budget: at least 0.25)`);
  console.log(JSON.stringify(result));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}

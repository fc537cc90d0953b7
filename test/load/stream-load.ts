// Live-update load: 1,000 display streams open on one server over real HTTP, a check-in every
// second, and the delay from each check-in to its arrival on every stream. With
// `--instances 2`, two servers behind a real PgBouncer in transaction mode (LISTEN on a
// direct connection, as docs/scaling.md deploys them): the check-ins go to the first, the
// streams are open on the second, and the summary and health are also timed on the second.
// `node --import tsx test/load/stream-load.ts [--streams 1000] [--seconds 20] [--instances 2]`;
// `pnpm bench` calls runStreamLoad. BENCH_DATABASE_URL names the PostgreSQL server (a scratch database is
// created on it and dropped after). STREAM_LOAD_DEBUG=1 also prints each check-in's response
// time and the server's timings per change (wait, compute, send).

import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { Agent, type IncomingMessage, request } from "node:http";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createDb } from "@tandem/db";
import { type Pgbouncer, startPgbouncer } from "@tandem/db/testing/pgbouncer";
import { buildServer } from "../../scripts/build-server.mjs";
import { apiCall, expectJson } from "../support/api";
import { startServer, type TestServer } from "../support/server";
import { runLoad } from "./load";
import type { LoadFigures } from "./results";

export interface StreamLoadOptions {
  streams?: number;
  durationSeconds?: number;
  /** A PostgreSQL server URL whose user may create databases. */
  databaseUrl?: string;
  /** 2: two servers behind PgBouncer, check-ins on one and the streams on the other. */
  instances?: 1 | 2;
  log?: (message: string) => void;
}

/** With two instances: the second's health and summary under load, through the pooler. */
export interface PooledReads {
  health: LoadFigures;
  summary: LoadFigures;
}

export interface StreamLoadResult {
  streams: number;
  /** Check-ins posted, one a second. */
  changes: number;
  /** (stream, check-in) pairs seen; streams x changes when nothing was lost. */
  deliveries: number;
  missed: number;
  minMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Resident memory of the server with every stream open, and before any was. */
  serverRssMb: number;
  serverRssIdleMb: number;
  instances: 1 | 2;
  pooledReads?: PooledReads;
  note: string;
}

const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/postgres";
/** Check-in notes carry this marker and a sequence number; the stream search is a plain indexOf. */
const MARKER = '"note":"load-';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    current =
      typeof current === "object" && current !== null ? Reflect.get(current, key) : undefined;
  }
  return current;
}

function id(value: unknown, what: string): string {
  if (typeof value !== "string") throw new Error(`${what} missing in ${JSON.stringify(value)}`);
  return value;
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Resident memory of a process in MB, from /proc (Linux) or ps. */
function rssMb(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    if (Number.isFinite(kb)) return Math.round((kb / 1024) * 10) / 10;
  } catch {
    // Not Linux: ask ps.
  }
  const kb = Number(
    execFileSync("ps", ["-o", "rss=", "-p", String(pid)])
      .toString()
      .trim(),
  );
  return Math.round((kb / 1024) * 10) / 10;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))] ?? Number.NaN;
}

/** An organization with a current goal, a key result updated by hand and a display, via the API. */
async function setUp(origin: string) {
  const email = `load-${randomBytes(4).toString("hex")}@example.test`;
  const signUp = await apiCall(origin, "POST", "/api/auth/sign-up/email", {
    body: { email, password: "correct-horse-battery", name: "Load Owner" },
    headers: { "x-forwarded-for": "127.0.0.1" },
  });
  await expectJson(signUp, 200);
  // Every auth cookie, as a browser keeps them, renewed from each answer: the session's
  // signed copy (the cookie cache) spares the servers a session query per request.
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const header of response.headers.getSetCookie()) {
      const pair = header.split(";")[0] ?? "";
      const at = pair.indexOf("=");
      if (pair.includes("better-auth")) jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  keep(signUp);
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const post = async (path: string, body: unknown) => {
    const response = await apiCall(origin, "POST", path, { cookie: cookieHeader(), body });
    keep(response);
    return expectJson(response, 201);
  };
  await post("/api/v1/organizations", { name: "Load Co", currency: "USD", timezone: "UTC" });
  const team = id(
    at(await post("/api/v1/teams", { name: "Sales", function: "sales" }), "id"),
    "team id",
  );
  const day = (offset: number) =>
    new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const goal = id(
    at(
      await post("/api/v1/goals", {
        name: "Load quarter",
        startsOn: day(-30),
        endsOn: day(60),
        target: 1_000_000,
        plan: { leadToMql: 0.3, mqlToSql: 0.4, sqlToWon: 0.25, avgDealSize: 20_000 },
      }),
      "id",
    ),
    "goal id",
  );
  const keyResult = id(
    at(
      await post(`/api/v1/goals/${goal}/key-results`, {
        title: "Demos booked",
        teamId: team,
        kind: "activity",
        unit: "count",
        start: 0,
        target: 1000,
      }),
      "id",
    ),
    "key result id",
  );
  const token = id(
    at(await post("/api/v1/displays", { name: "Load TV", goalId: goal }), "token"),
    "token",
  );
  return { cookie: cookieHeader(), keyResult, token, goal };
}

interface OpenStream {
  /** Arrival time (ms since epoch) of each check-in sequence number this stream saw first. */
  seen: Map<number, number>;
  initial: Promise<void>;
}

const markerBytes = Buffer.from(MARKER);
const summaryBytes = Buffer.from("event: summary");
/** Enough of the previous chunk to catch a marker and its number split across two chunks. */
const CARRY = MARKER.length + 12;

/**
 * One display stream over a kept-alive socket. The bytes are searched for the check-in
 * marker natively, without decoding or parsing: a thousand streams share this process with
 * nothing else to measure, and a slow reader would add its own delay to the figures.
 */
function openStream(origin: string, path: string, agent: Agent): OpenStream {
  const seen = new Map<number, number>();
  const initial = new Promise<void>((resolve, reject) => {
    const req = request(
      `${origin}${path}`,
      { agent, headers: { accept: "text/event-stream" } },
      (res: IncomingMessage) => {
        if (res.statusCode !== 200) {
          reject(new Error(`stream answered ${res.statusCode}`));
          res.resume();
          return;
        }
        let carry: Buffer = Buffer.alloc(0);
        res.on("data", (chunk: Buffer) => {
          const now = Date.now();
          const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
          if (bytes.indexOf(summaryBytes) >= 0) resolve();
          let at = bytes.indexOf(markerBytes);
          while (at >= 0) {
            let seq = 0;
            let i = at + markerBytes.length;
            for (; i < bytes.length; i++) {
              const digit = (bytes[i] ?? 0) - 48;
              if (digit < 0 || digit > 9) break;
              seq = seq * 10 + digit;
            }
            // A number cut off by the chunk's end is read again, whole, with the next chunk.
            if (i < bytes.length && seq > 0 && !seen.has(seq)) seen.set(seq, now);
            at = bytes.indexOf(markerBytes, at + 1);
          }
          carry = bytes.subarray(Math.max(0, bytes.length - CARRY));
        });
      },
    );
    req.on("error", reject);
    req.end();
  });
  return { seen, initial };
}

export async function runStreamLoad(options: StreamLoadOptions = {}): Promise<StreamLoadResult> {
  const streams = options.streams ?? 1000;
  const seconds = options.durationSeconds ?? 20;
  const serverUrl = options.databaseUrl ?? process.env.BENCH_DATABASE_URL ?? DEFAULT_URL;
  const log = options.log ?? (() => {});
  const name = `tandem_stream_load_${randomBytes(4).toString("hex")}`;
  const admin = createDb({ url: serverUrl, max: 1 });
  await admin.db.execute(`create database "${name}"`);
  const instances = options.instances ?? 1;
  const servers: TestServer[] = [];
  let pooler: Pgbouncer | undefined;
  const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  try {
    const direct = databaseUrl(serverUrl, name);
    if (instances === 2) pooler = await startPgbouncer(serverUrl);
    // One secret: a session signed in on one instance is good on the other.
    const secret = randomBytes(32).toString("hex");
    await buildServer();
    for (let i = 0; i < instances; i++) {
      servers.push(
        await startServer({
          env: {
            DATABASE_URL: pooler ? pooler.pooledUrl(direct) : direct,
            ...(pooler ? { DATABASE_DIRECT_URL: direct } : {}),
            TANDEM_DEMO: "false",
            BETTER_AUTH_SECRET: secret,
            ...(process.env.STREAM_LOAD_DEBUG ? { LOG_LEVEL: "debug" } : {}),
          },
        }),
      );
    }
    const [writer, reader] = [servers[0], servers.at(-1)];
    if (!writer || !reader) throw new Error("no server started");
    const origin = writer.baseUrl;
    const { cookie, keyResult, token, goal } = await setUp(origin);
    const server = reader;
    const idleRss = rssMb(server.pid());

    log(`opening ${streams} streams`);
    const opened: OpenStream[] = [];
    for (let i = 0; i < streams; i += 100) {
      const batch = Array.from({ length: Math.min(100, streams - i) }, () =>
        openStream(reader.baseUrl, `/api/v1/displays/${token}/stream`, agent),
      );
      await Promise.all(batch.map((s) => s.initial));
      opened.push(...batch);
    }

    log(`a check-in every second for ${seconds} s`);
    const postedAt = new Map<number, number>();
    let version = 1;
    for (let seq = 1; seq <= seconds; seq++) {
      const tick = Date.now();
      postedAt.set(seq, tick);
      const response = await apiCall(origin, "POST", `/api/v1/key-results/${keyResult}/check-ins`, {
        cookie,
        headers: { "if-match": `"${version}"` },
        body: { value: seq, confidence: 7, note: `load-${seq}` },
      });
      await expectJson(response, 201);
      if (process.env.STREAM_LOAD_DEBUG) {
        log(
          `check-in ${seq} sent at ${new Date(tick).toISOString()}, answered in ${Date.now() - tick} ms`,
        );
      }
      version = Number((response.headers.get("etag") ?? "").replaceAll('"', "")) || version + 1;
      await sleep(Math.max(0, 1000 - (Date.now() - tick)));
    }
    await sleep(3000);
    if (process.env.STREAM_LOAD_DEBUG) {
      log(
        server
          .output()
          .split("\n")
          .filter((line) => line.includes("live: summary sent"))
          .join("\n"),
      );
    }
    const serverRss = rssMb(server.pid());
    const pooledReads = pooler ? await timeReads(reader.baseUrl, cookie, goal, seconds) : undefined;

    const delays: number[] = [];
    for (const stream of opened) {
      for (const [seq, posted] of postedAt) {
        const arrived = stream.seen.get(seq);
        if (arrived !== undefined) delays.push(arrived - posted);
      }
    }
    delays.sort((a, b) => a - b);
    const expected = opened.length * postedAt.size;
    return {
      streams: opened.length,
      changes: postedAt.size,
      deliveries: delays.length,
      missed: expected - delays.length,
      minMs: delays[0] ?? Number.NaN,
      p50Ms: percentile(delays, 0.5),
      p95Ms: percentile(delays, 0.95),
      maxMs: delays.at(-1) ?? Number.NaN,
      serverRssMb: serverRss,
      serverRssIdleMb: idleRss,
      instances,
      pooledReads,
      note:
        instances === 2
          ? "delay from sending the check-in POST to the first instance to the event on each stream of the second; both instances, PgBouncer, PostgreSQL and the clients share this machine"
          : "delay from sending the check-in POST to the event on each stream; server and clients share this machine",
    };
  } finally {
    agent.destroy();
    for (const server of servers) await server.stop();
    await pooler?.stop();
    await admin.db.execute(`drop database if exists "${name}" with (force)`);
    await admin.close();
  }
}

/** The second instance's health and summary with 10 connections, every query through the pooler. */
async function timeReads(
  origin: string,
  cookie: string,
  goal: string,
  seconds: number,
): Promise<PooledReads> {
  const base = { headers: { cookie }, connections: 10, timeoutSeconds: 10 };
  const durationSeconds = Math.max(3, Math.min(10, Math.round(seconds / 2)));
  const summaryUrl = `${origin}/api/v1/goals/${goal}/summary`;
  await runLoad({ ...base, url: `${origin}/api/health`, durationSeconds: 1 });
  await runLoad({ ...base, url: summaryUrl, durationSeconds: 1 });
  return {
    health: await runLoad({ ...base, url: `${origin}/api/health`, durationSeconds }),
    summary: await runLoad({ ...base, url: summaryUrl, durationSeconds }),
  };
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const { values } = parseArgs({
    options: {
      streams: { type: "string" },
      seconds: { type: "string" },
      instances: { type: "string" },
    },
  });
  const result = await runStreamLoad({
    streams: values.streams ? Number(values.streams) : undefined,
    durationSeconds: values.seconds ? Number(values.seconds) : undefined,
    instances: values.instances === "2" ? 2 : 1,
    log: (message) => console.error(message),
  });
  console.log(JSON.stringify(result));
}

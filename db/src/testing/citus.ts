import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { distribute } from "../citus/distribute";
import { createDb } from "../client";
import { postgresOptions } from "../postgres-options";
import { databaseUrl, templateDatabaseName } from "./template";

/**
 * A Citus cluster for the tests (scripts/citus/start.sh starts one): TEST_CITUS_URL names a
 * database on the coordinator with the workers added; the workers are found from it. Each test
 * database is one database of the same name on every node, cloned from a migrated and
 * distributed template on every node: the coordinator's shard metadata names nodes and shard
 * ids, never the database, so the clones form a cluster of their own in milliseconds.
 */
export const citusUrl = (): string | undefined => process.env.TEST_CITUS_URL || undefined;

/** Fewer shards than Citus's 32: a template of 29 tables is built in seconds, not a minute. */
const TEST_SHARD_COUNT = 4;

const quiet = { ...postgresOptions, max: 1 } as const;

/** The template changes with the migrations and with how they are distributed. */
export function citusTemplateName(): string {
  const hash = createHash("sha256").update(templateDatabaseName());
  for (const file of ["../citus/distribute.ts", "../citus/migrate.ts"])
    hash.update(readFileSync(new URL(file, import.meta.url)));
  return `tandem_citus_template_${hash.digest("hex").slice(0, 12)}`;
}

/** The coordinator first, then the workers, as loopback URLs to their `postgres` database. */
export async function clusterNodes(coordinatorUrl: string): Promise<string[]> {
  const sql = postgres(coordinatorUrl, quiet);
  try {
    const rows = await sql<{ host: string; port: number }[]>`
      select nodename as host, nodeport as port from pg_dist_node
      where noderole = 'primary' and groupid > 0 order by groupid`;
    if (rows.length === 0)
      throw new Error(
        `${coordinatorUrl} has no Citus workers: start the cluster with scripts/citus/start.sh`,
      );
    const at = (host: string, port: number) => {
      const url = new URL(coordinatorUrl);
      url.hostname = host;
      url.port = String(port);
      url.pathname = "/postgres";
      return url.toString();
    };
    const coordinator = new URL(coordinatorUrl);
    return [
      at(coordinator.hostname, Number(coordinator.port || 5432)),
      ...rows.map((r) => at(r.host, r.port)),
    ];
  } finally {
    await sql.end();
  }
}

async function onNode(nodeUrl: string, statement: string): Promise<void> {
  const sql = postgres(nodeUrl, quiet);
  try {
    await sql.unsafe(statement);
  } finally {
    await sql.end();
  }
}

/** Retries a statement that needs a database nobody is connected to (Citus's daemon may be). */
async function whenUnused(nodeUrl: string, database: string, statement: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await onNode(
        nodeUrl,
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${database}' and pid <> pg_backend_pid()`,
      );
      await onNode(nodeUrl, statement);
      return;
    } catch (error) {
      if (attempt > 50 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** A migrated, distributed database of this name on every node, cloned from the template. */
export async function createCitusDatabase(coordinatorUrl: string, name: string): Promise<string> {
  const template = citusTemplateName();
  for (const node of await clusterNodes(coordinatorUrl))
    await whenUnused(node, template, `create database "${name}" template "${template}"`);
  const url = databaseUrl(coordinatorUrl, name);
  // Any query one organization's request sends to more than one shard fails the test
  // (docs/scaling.md): every tenant query must be routed to its organization's shard.
  await onNode(url, `alter database "${name}" set citus.multi_task_query_log_level = 'error'`);
  return url;
}

export async function dropCitusDatabase(coordinatorUrl: string, name: string): Promise<void> {
  // A node's Citus background connections can hold on to it for a moment after the coordinator's.
  for (const node of await clusterNodes(coordinatorUrl))
    await whenUnused(node, name, `drop database if exists "${name}" with (force)`);
}

/**
 * An empty cluster database with Citus on every node and the workers added, not yet migrated;
 * the db package's own tests migrate and distribute it themselves.
 */
export async function createEmptyCitusDatabase(
  coordinatorUrl: string,
  name: string,
): Promise<string> {
  const nodes = await clusterNodes(coordinatorUrl);
  for (const node of nodes) {
    await onNode(node, `create database "${name}"`);
    await onNode(databaseUrl(node, name), "create extension citus");
  }
  const url = databaseUrl(coordinatorUrl, name);
  const sql = postgres(url, quiet);
  try {
    const [coordinator, ...workers] = nodes.map((n) => new URL(n));
    if (!coordinator) throw new Error("no coordinator");
    await sql`select citus_set_coordinator_host(${coordinator.hostname}, ${Number(coordinator.port)})`;
    for (const worker of workers)
      await sql`select citus_add_node(${worker.hostname}, ${Number(worker.port)})`;
  } finally {
    await sql.end();
  }
  return url;
}

/**
 * A database on the cluster migrated and distributed with Citus's default 32 shards, as
 * `pnpm db:distribute` leaves one (the bench's); an older one of that name is dropped first.
 */
export async function createDistributedCitusDatabase(
  coordinatorUrl: string,
  name: string,
  shardCount?: number,
): Promise<string> {
  await dropCitusDatabase(coordinatorUrl, name);
  const url = await createEmptyCitusDatabase(coordinatorUrl, name);
  const database = createDb({ url, max: 1 });
  try {
    await database.migrate();
  } finally {
    await database.close();
  }
  const admin = postgres(url, quiet);
  try {
    await admin.begin((tx) => distribute(tx, { shardCount }));
  } finally {
    await admin.end();
  }
  return url;
}

/** "Citus 13.2-1, a coordinator and 2 workers", for reports. */
export async function describeCluster(coordinatorUrl: string): Promise<string> {
  const nodes = await clusterNodes(coordinatorUrl);
  const sql = postgres(coordinatorUrl, quiet);
  try {
    const [row] = await sql<{ version: string }[]>`
      select extversion as version from pg_extension where extname = 'citus'`;
    return `Citus ${row?.version ?? "?"}, a coordinator and ${nodes.length - 1} workers`;
  } finally {
    await sql.end();
  }
}

/** Vitest global setup's part: build the template once (kept between runs, like the server's). */
export async function buildCitusTemplate(coordinatorUrl: string): Promise<void> {
  const name = citusTemplateName();
  const nodes = await clusterNodes(coordinatorUrl);
  const sql = postgres(coordinatorUrl, quiet);
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length > 0) return;
  } finally {
    await sql.end();
  }
  const building = `${name}_building_${process.pid}`;
  try {
    await createDistributedCitusDatabase(coordinatorUrl, building, TEST_SHARD_COUNT);
    // No connections from now on, so Citus's maintenance daemon cannot come back and block
    // the clones; renamed only when complete, so a crashed run never leaves half a template.
    for (const node of nodes) {
      await onNode(node, `alter database "${building}" allow_connections false`);
      await whenUnused(node, building, `alter database "${building}" rename to "${name}"`);
    }
  } catch (error) {
    for (const node of nodes)
      await onNode(node, `drop database if exists "${building}" with (force)`);
    throw error;
  }
}

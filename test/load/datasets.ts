import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createDb, type Database } from "@tandem/db";
import { seedDemo } from "@tandem/db/demo";
import { sql } from "drizzle-orm";
import { createDistributedCitusDatabase } from "../../db/src/testing/citus";
import type { DatasetFigures } from "./results";

export interface DatasetSpec {
  label: string;
  leads: number;
}

export const DATASETS: readonly DatasetSpec[] = [
  { label: "10k", leads: 10_000 },
  { label: "100k", leads: 100_000 },
  { label: "1m", leads: 1_000_000 },
  { label: "10m", leads: 10_000_000 },
];

export const DEFAULT_BENCH_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const SEED = 1;
/** Bumped when this file changes what a data set holds beyond what the generator makes. */
const DATASET_FORMAT = 1;
const demoFolder = new URL("../../db/src/demo/", import.meta.url);

/**
 * The generator's version is the hash of its source: any change to the demo data regenerates
 * the data sets on the next run, and nothing else does (a 10M data set takes a while).
 */
export function generatorVersion(): string {
  const hash = createHash("sha256").update(`format ${DATASET_FORMAT}\n`);
  const files = readdirSync(demoFolder)
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"))
    .sort();
  for (const name of files) {
    hash.update(`${name}\n`).update(readFileSync(new URL(name, demoFolder)));
  }
  return hash.digest("hex").slice(0, 16);
}

export function databaseUrlFor(baseUrl: string, spec: DatasetSpec, citus = false): string {
  const url = new URL(baseUrl);
  url.pathname = `/${databaseNameFor(spec, citus)}`;
  return url.toString();
}

export function databaseNameFor(spec: DatasetSpec, citus = false): string {
  return citus ? `tandem_bench_citus_${spec.label}` : `tandem_bench_${spec.label}`;
}

interface Marker {
  generator: string;
  leads: number;
  seed: number;
  today: string;
  deals: number;
  touchpoints: number;
  madeInSeconds: number;
  madeOn: string;
}

/**
 * Makes sure the data set's database exists with the current generator's data, generating it
 * only when it is missing or outdated, and migrates it (new migrations apply to kept data).
 */
export async function ensureDataset(
  spec: DatasetSpec,
  baseUrl: string,
  log: (message: string) => void,
  /** `baseUrl` is a Citus coordinator: the data set is generated into a distributed database. */
  citus = false,
): Promise<DatasetFigures> {
  const url = databaseUrlFor(baseUrl, spec, citus);
  const name = databaseNameFor(spec, citus);
  const version = generatorVersion();
  const existing = (await databaseExists(baseUrl, name)) ? await readMarker(url) : null;
  if (
    existing &&
    existing.generator === version &&
    existing.leads === spec.leads &&
    existing.seed === SEED
  ) {
    const database = createDb({ url, max: 1 });
    try {
      await database.migrate();
      return figures(spec, name, existing, null, await databaseSize(database, name));
    } finally {
      await database.close();
    }
  }
  log(`  generating ${spec.label} (${spec.leads.toLocaleString("en-US")} leads) into ${name}…`);
  const started = performance.now();
  if (citus) await createDistributedCitusDatabase(baseUrl, name);
  else await recreateDatabase(baseUrl, name);
  const database = createDb({ url, max: 1 });
  try {
    await database.migrate();
    const result = await seedDemo(database, {
      leads: spec.leads,
      seed: SEED,
      log: (message) => log(`  ${spec.label}: ${message.trim()}`),
    });
    // Fresh tables have no statistics and no visibility map; a real database would have had
    // autovacuum pass long ago.
    await database.db.execute(sql`vacuum (analyze)`);
    const seconds = (performance.now() - started) / 1000;
    const marker: Marker = {
      generator: version,
      leads: result.counts.leads,
      seed: SEED,
      today: result.today,
      deals: result.counts.deals,
      touchpoints: result.counts.touchpoints,
      madeInSeconds: seconds,
      madeOn: new Date().toISOString(),
    };
    await writeMarker(database, marker);
    return figures(spec, name, marker, seconds, await databaseSize(database, name));
  } finally {
    await database.close();
  }
}

function figures(
  spec: DatasetSpec,
  name: string,
  marker: Marker,
  generatedSeconds: number | null,
  sizeBytes: number,
): DatasetFigures {
  return {
    label: spec.label,
    leads: marker.leads,
    deals: marker.deals,
    touchpoints: marker.touchpoints,
    database: name,
    generatedSeconds,
    madeInSeconds: marker.madeInSeconds,
    madeOn: marker.madeOn,
    today: marker.today,
    sizeBytes,
  };
}

async function withAdmin<T>(baseUrl: string, work: (database: Database) => Promise<T>): Promise<T> {
  const admin = createDb({ url: baseUrl, max: 1 });
  try {
    return await work(admin);
  } finally {
    await admin.close();
  }
}

function databaseExists(baseUrl: string, name: string): Promise<boolean> {
  return withAdmin(baseUrl, async (admin) => {
    const rows = await admin.db
      .select({ found: sql<number>`1` })
      .from(sql`pg_database`)
      .where(sql`datname = ${name}`);
    return rows.length > 0;
  });
}

function recreateDatabase(baseUrl: string, name: string): Promise<void> {
  return withAdmin(baseUrl, async (admin) => {
    await admin.db.execute(sql`drop database if exists ${sql.identifier(name)} with (force)`);
    await admin.db.execute(sql`create database ${sql.identifier(name)}`);
  });
}

/** The marker lives in the data set's own database, so dropping one drops the other. */
const markerTable = sql`bench_dataset`;

async function readMarker(url: string): Promise<Marker | null> {
  const database = createDb({ url, max: 1 });
  try {
    const present = await database.db
      .select({ found: sql<boolean>`to_regclass('public.bench_dataset') is not null` })
      .from(sql`(select 1) as one`);
    if (!present[0]?.found) return null;
    const rows = await database.db
      .select({
        generator: sql<string>`generator`,
        leads: sql<number>`leads`.mapWith(Number),
        seed: sql<number>`seed`.mapWith(Number),
        today: sql<string>`today`,
        deals: sql<number>`deals`.mapWith(Number),
        touchpoints: sql<number>`touchpoints`.mapWith(Number),
        madeInSeconds: sql<number>`made_in_seconds`.mapWith(Number),
        madeOn: sql<string>`made_on::text`,
      })
      .from(markerTable)
      .limit(1);
    return rows[0] ?? null;
  } finally {
    await database.close();
  }
}

async function writeMarker(database: Database, marker: Marker): Promise<void> {
  await database.db.execute(sql`create table ${markerTable} (
    generator text not null, leads bigint not null, seed bigint not null, today text not null,
    deals bigint not null, touchpoints bigint not null, made_in_seconds double precision not null,
    made_on timestamptz not null)`);
  await database.db.execute(sql`insert into ${markerTable} values (
    ${marker.generator}, ${marker.leads}, ${marker.seed}, ${marker.today}, ${marker.deals},
    ${marker.touchpoints}, ${marker.madeInSeconds}, ${marker.madeOn})`);
}

async function databaseSize(database: Database, name: string): Promise<number> {
  const rows = await database.db
    .select({ bytes: sql<number>`pg_database_size(${name})`.mapWith(Number) })
    .from(sql`(select 1) as one`);
  return rows[0]?.bytes ?? 0;
}

import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { migrateEmbedded, migratePostgres } from "./migrate";
import { postgresOptions } from "./postgres-options";
import * as schema from "./schema/index";

export type Schema = typeof schema;
/** Either engine: handlers and queries never know which one they run on. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A query function takes either the database or a transaction. */
export type DbOrTx = Db | Tx;

export type DbKind = "pglite" | "postgres";

/** Called with the payload of each notification on a channel; returns an unsubscribe. */
export type Listen = (
  channel: string,
  onPayload: (payload: string) => void,
) => Promise<() => Promise<void>>;

export interface Database {
  db: Db;
  kind: DbKind;
  /** Runs one raw SQL statement; used by health checks and tooling. */
  ping(): Promise<void>;
  listen: Listen;
  /** Applies the committed migrations; safe when several processes start at once. */
  migrate(): Promise<void>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** A postgres:// URL: use the server. Absent: embedded PGlite. */
  url?: string;
  /** PGlite data folder; absent means in memory (tests). */
  dataDir?: string;
  /** Connection pool size for the server. */
  max?: number;
  /**
   * A direct connection to the same database when `url` is a pooler in transaction mode
   * (PgBouncer): LISTEN and the migrations' advisory lock need a session of their own, and
   * prepared statements are turned off, since they do not survive transaction pooling.
   */
  directUrl?: string;
  /** An existing PGlite instance (tests clone a migrated template). */
  pglite?: PGlite;
}

export function createDb(options: CreateDbOptions): Database {
  if (options.url) return createPostgres(options.url, options.max ?? 10, options.directUrl);
  return createPglite(options);
}

function createPostgres(url: string, max: number, directUrl?: string): Database {
  const client = postgres(url, {
    ...postgresOptions,
    max,
    ...(directUrl ? { prepare: false } : {}),
  });
  // One connection for LISTEN, opened on first use: behind a pooler it must be direct.
  const listener = directUrl ? postgres(directUrl, { ...postgresOptions, max: 1 }) : client;
  const db = drizzlePostgres({ client, schema });
  return {
    db,
    kind: "postgres",
    async ping() {
      await client`select 1`;
    },
    migrate: () => migratePostgres(db, directUrl ?? url),
    async listen(channel, onPayload) {
      const { unlisten } = await listener.listen(channel, onPayload);
      return unlisten;
    },
    async notify(channel, payload) {
      await client.notify(channel, payload);
    },
    async close() {
      await Promise.all([
        client.end({ timeout: 5 }),
        listener === client ? undefined : listener.end({ timeout: 5 }),
      ]);
    },
  };
}

function createPglite(options: CreateDbOptions): Database {
  let client = options.pglite;
  if (!client) {
    if (options.dataDir) {
      const dir = resolve(options.dataDir);
      mkdirSync(dir, { recursive: true });
      client = new PGlite(dir);
    } else {
      client = new PGlite();
    }
  }
  const pg = client;
  const db = drizzlePglite({ client: pg, schema });
  return {
    db,
    kind: "pglite",
    async ping() {
      await pg.query("select 1");
    },
    migrate: () => migrateEmbedded(db),
    async listen(channel, onPayload) {
      const unsubscribe = await pg.listen(channel, onPayload);
      return unsubscribe;
    },
    async notify(channel, payload) {
      await pg.query("select pg_notify($1, $2)", [channel, payload]);
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
  };
}

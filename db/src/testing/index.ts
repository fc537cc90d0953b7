import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { createDb, type Database, type DbKind } from "../client";
import { citusUrl, createCitusDatabase, dropCitusDatabase } from "./citus";
import { leaseEmbedded } from "./pglite-pool";
import { pgliteImage } from "./pglite-template";
import {
  createServerDatabase,
  databaseUrl,
  dropServerDatabase,
  templateDatabaseName,
} from "./template";

export { default as setupTemplate } from "./global-setup";

/** Where a test database lives: embedded, a PostgreSQL server, or a Citus coordinator. */
export type TestEngine = DbKind | "citus";

/**
 * PGlite always; the PostgreSQL server too when TEST_DATABASE_URL names one, and a Citus
 * cluster when TEST_CITUS_URL names its coordinator (scripts/citus/start.sh).
 */
export function testEngines(): TestEngine[] {
  const engines: TestEngine[] = ["pglite"];
  if (process.env.TEST_DATABASE_URL) engines.push("postgres");
  if (citusUrl()) engines.push("citus");
  return engines;
}

export interface TestDatabase extends Database {
  /** Drops the database (server) or closes it (embedded). */
  destroy(): Promise<void>;
  /** Connection URL on the server; undefined for PGlite. */
  url?: string;
}

/** A fresh, migrated, empty database of the given engine. */
export async function createTestDatabase(kind: TestEngine): Promise<TestDatabase> {
  if (kind === "citus") return createCitusTestDatabase();
  if (kind === "pglite") {
    const lease = await leaseEmbedded(
      async () => new PGlite({ loadDataDir: await pgliteImage(inject("pgliteImage")) }),
    );
    const database = createDb({ pglite: lease.pglite });
    return { ...database, destroy: () => lease.giveBack() };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `tandem_test_${randomBytes(6).toString("hex")}`;
  await createServerDatabase(serverUrl, name, templateDatabaseName());
  const url = databaseUrl(serverUrl, name);
  const database = createDb({ url, max: 5 });
  return {
    ...database,
    url,
    async destroy() {
      await database.close();
      await dropServerDatabase(serverUrl, name);
    },
  };
}

async function createCitusTestDatabase(): Promise<TestDatabase> {
  const coordinatorUrl = citusUrl();
  if (!coordinatorUrl) throw new Error("TEST_CITUS_URL is not set");
  const name = `tandem_test_${randomBytes(6).toString("hex")}`;
  const url = await createCitusDatabase(coordinatorUrl, name);
  const database = createDb({ url, max: 5 });
  return {
    ...database,
    url,
    async destroy() {
      await database.close();
      await dropCitusDatabase(coordinatorUrl, name);
    },
  };
}

/**
 * Runs a suite once per engine, each on its own fresh database. The getter is valid inside
 * tests and hooks.
 */
export function describeEachEngine(
  name: string,
  suite: (get: () => TestDatabase, kind: TestEngine) => void,
): void {
  for (const kind of testEngines()) {
    describe(`${name} [${kind}]`, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(kind);
      }, 60_000);
      afterAll(async () => {
        await database?.destroy();
      });
      suite(() => {
        if (!database) throw new Error("the test database is not ready yet");
        return database;
      }, kind);
    });
  }
}
export { backdateGoalEdits, moveCheckInsTo } from "./backdate";
export { tableFingerprint } from "./fingerprint";

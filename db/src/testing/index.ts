import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { createDb, type Database, type DbKind } from "../client";
import { pgliteImage } from "./pglite-template";
import {
  createServerDatabase,
  databaseUrl,
  dropServerDatabase,
  templateDatabaseName,
} from "./template";

export { default as setupTemplate } from "./global-setup";

/** PGlite always; the PostgreSQL server too when TEST_DATABASE_URL names one. */
export function testEngines(): DbKind[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

export interface TestDatabase extends Database {
  /** Drops the database (server) or closes it (embedded). */
  destroy(): Promise<void>;
  /** Connection URL on the server; undefined for PGlite. */
  url?: string;
}

/** A fresh, migrated, empty database of the given engine. */
export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === "pglite") {
    const pglite = new PGlite({ loadDataDir: await pgliteImage(inject("pgliteImage")) });
    const database = createDb({ pglite });
    return { ...database, destroy: () => database.close() };
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

/**
 * Runs a suite once per engine, each on its own fresh database. The getter is valid inside
 * tests and hooks.
 */
export function describeEachEngine(
  name: string,
  suite: (get: () => TestDatabase, kind: DbKind) => void,
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
export { moveCheckInsTo } from "./backdate";
export { tableFingerprint } from "./fingerprint";

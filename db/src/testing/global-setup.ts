import type { TestProject } from "vitest/node";
import { createDb } from "../client";
import { postgresOptions } from "../postgres-options";
import { buildCitusTemplate, citusUrl } from "./citus";
import { buildPgliteImage } from "./pglite-template";
import {
  createServerDatabase,
  databaseUrl,
  dropServerDatabase,
  serverDatabaseExists,
  templateDatabaseName,
} from "./template";

/**
 * Vitest global setup: migrate each engine once per run. Test files then copy the result: the
 * server's template by `create database ... template` in milliseconds, PGlite's image by
 * loading its data folder instead of migrating.
 */
export default async function setup(project?: TestProject): Promise<void> {
  const [image] = await Promise.all([buildPgliteImage(), serverTemplate(), citusTemplate()]);
  project?.provide("pgliteImage", image);
}

async function citusTemplate(): Promise<void> {
  const url = citusUrl();
  if (url) await buildCitusTemplate(url);
}

async function serverTemplate(): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return;
  const name = templateDatabaseName();
  if (await serverDatabaseExists(serverUrl, name)) return;
  const building = `${name}_building_${process.pid}`;
  await createServerDatabase(serverUrl, building);
  const database = createDb({ url: databaseUrl(serverUrl, building), max: 1 });
  try {
    await database.migrate();
  } finally {
    await database.close();
  }
  // Renamed only when complete, so a crashed run never leaves a half-migrated template.
  const { default: postgres } = await import("postgres");
  const admin = postgres(serverUrl, { ...postgresOptions, max: 1 });
  try {
    await admin.unsafe(`alter database "${building}" rename to "${name}"`);
  } catch (error) {
    await dropServerDatabase(serverUrl, building);
    if (!(await serverDatabaseExists(serverUrl, name))) throw error;
  } finally {
    await admin.end();
  }
}

import { createDb } from "../client";
import {
  createServerDatabase,
  databaseUrl,
  dropServerDatabase,
  serverDatabaseExists,
  templateDatabaseName,
} from "./template";

/**
 * Vitest global setup: migrate a template database on the PostgreSQL server once per run, so
 * each test file gets its own copy by `create database ... template` in milliseconds.
 */
export default async function setup(): Promise<void> {
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
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`alter database "${building}" rename to "${name}"`);
  } catch (error) {
    await dropServerDatabase(serverUrl, building);
    if (!(await serverDatabaseExists(serverUrl, name))) throw error;
  } finally {
    await admin.end();
  }
}

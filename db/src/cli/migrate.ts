// `pnpm db:migrate`: applies the committed migrations to the database the server would open.
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createDb, type Database } from "../client";

/** The checkout's root: the embedded data folder is resolved from here, as the server does. */
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

export interface CliDatabase {
  database: Database;
  /** Where it is, for messages; a URL's password is masked. */
  where: string;
}

/** DATABASE_URL when set, else the embedded database in TANDEM_DATA_DIR (./.tandem-data). */
export function openDatabaseFromEnv(): CliDatabase {
  const url = process.env.DATABASE_URL;
  if (url) return { database: createDb({ url, max: 2 }), where: maskPassword(url) };
  const dataDir = resolve(repoRoot, process.env.TANDEM_DATA_DIR || ".tandem-data");
  return { database: createDb({ dataDir }), where: dataDir };
}

function maskPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "DATABASE_URL";
  }
}

async function main(): Promise<void> {
  const { database, where } = openDatabaseFromEnv();
  try {
    const started = performance.now();
    await database.migrate();
    console.log(`Migrated ${where} in ${Math.round(performance.now() - started)} ms`);
  } finally {
    await database.close();
  }
}

// The other commands import openDatabaseFromEnv from here; only a direct run migrates.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

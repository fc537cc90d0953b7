import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import postgres from "postgres";
import { migrationsFolder } from "../migrate";
import { postgresOptions } from "../postgres-options";

/** The template's name changes with the migrations, so a stale template is never cloned. */
export function templateDatabaseName(): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(entry.name).update(readFileSync(path));
    }
  };
  walk(migrationsFolder);
  return `tandem_template_${hash.digest("hex").slice(0, 12)}`;
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates a database on the server; `template` copies a migrated one in milliseconds. */
export async function createServerDatabase(
  serverUrl: string,
  name: string,
  template?: string,
): Promise<void> {
  const admin = postgres(serverUrl, { ...postgresOptions, max: 1 });
  try {
    await admin.unsafe(
      template ? `create database "${name}" template "${template}"` : `create database "${name}"`,
    );
    // A test never survives a crash of the server, so its commits need not wait for the disk.
    await admin.unsafe(`alter database "${name}" set synchronous_commit = off`);
  } finally {
    await admin.end();
  }
}

export async function dropServerDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = postgres(serverUrl, { ...postgresOptions, max: 1 });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
}

export async function serverDatabaseExists(serverUrl: string, name: string): Promise<boolean> {
  const admin = postgres(serverUrl, { ...postgresOptions, max: 1 });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${name}`;
    return rows.length > 0;
  } finally {
    await admin.end();
  }
}

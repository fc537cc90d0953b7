import { createHash } from "node:crypto";
import { existsSync, readFileSync, realpathSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { createDb } from "../client";
import { templateDatabaseName } from "./template";

/**
 * The migrated embedded database as a data-folder image on disk. Migrating PGlite costs 10-18 s
 * of CPU, which every database test file used to pay; loading an image costs a fraction. The
 * name changes with the migrations and with the PGlite build (its resolved path carries the
 * version), so a stale or incompatible image is never loaded, and an unchanged one is reused
 * across runs.
 */
export function pgliteImagePath(): string {
  const pglite = realpathSync(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
  const key = createHash("sha256").update(templateDatabaseName()).update(pglite).digest("hex");
  return join(tmpdir(), `tandem-pglite-${key.slice(0, 16)}.tar`);
}

async function migratedImage(): Promise<Blob> {
  const pg = new PGlite();
  const database = createDb({ pglite: pg });
  try {
    await database.migrate();
    return await pg.dumpDataDir("none");
  } finally {
    await database.close();
  }
}

/** Global setup: writes the image once; concurrent runs race harmlessly (each renames whole). */
export async function buildPgliteImage(): Promise<string> {
  const path = pgliteImagePath();
  if (existsSync(path)) return path;
  const image = await migratedImage();
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await image.arrayBuffer()));
  renameSync(partial, path);
  return path;
}

let image: Promise<Blob> | undefined;

/**
 * The image for this worker: read from the file global setup wrote, or, when a test runs
 * without that setup, migrated here once.
 */
export function pgliteImage(path: string | undefined): Promise<Blob> {
  image ??=
    path && existsSync(path) ? Promise.resolve(new Blob([readFileSync(path)])) : migratedImage();
  return image;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated PGlite image's path, written by global setup. */
    pgliteImage: string;
  }
}

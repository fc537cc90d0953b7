import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb, type Database } from "@tandem/db";
import type { Env } from "./env";

/** The checkout's root: the embedded data folder and web/dist are resolved from here. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export function openDatabase(env: Env): Database {
  if (env.DATABASE_URL) {
    return createDb({ url: env.DATABASE_URL, directUrl: env.DATABASE_DIRECT_URL });
  }
  return createDb({ dataDir: resolve(repoRoot, env.TANDEM_DATA_DIR) });
}

/**
 * Sessions must survive a restart, so a generated secret is kept in the data folder (readable
 * by the owner only). Deployments on their own server set BETTER_AUTH_SECRET.
 */
export function authSecret(env: Env): string {
  if (env.BETTER_AUTH_SECRET) return env.BETTER_AUTH_SECRET;
  const file = join(resolve(repoRoot, env.TANDEM_DATA_DIR), "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function shouldSeedDemo(env: Env): boolean {
  if (env.TANDEM_DEMO === "auto") return !env.DATABASE_URL;
  return env.TANDEM_DEMO === "true";
}

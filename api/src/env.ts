import { z } from "zod";

/** The only place that reads process.env. Every variable is documented in the README. */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default("0.0.0.0"),
  /** A PostgreSQL server; absent: the embedded database in TANDEM_DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  TANDEM_DATA_DIR: z.string().default(".tandem-data"),
  /** Fill an empty database with the demo company; default: only for the embedded database. */
  TANDEM_DEMO: z.enum(["auto", "true", "false"]).default("auto"),
  /** Public origin of the app (cookies, CSRF origin check, display URLs). */
  TANDEM_PUBLIC_URL: z.string().url().optional(),
  /** Signs sessions; generated and kept in the data folder when absent. */
  BETTER_AUTH_SECRET: z.string().min(32).optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Where the built web app is; default web/dist of this checkout. */
  TANDEM_WEB_DIST: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

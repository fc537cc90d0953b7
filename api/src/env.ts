import { roles } from "@tandem/db/queries/members";
import { z } from "zod";
import { parseTrustProxy } from "./lib/addresses";

/** The only place that reads process.env. Every variable is documented in the README. */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default("0.0.0.0"),
  /** A PostgreSQL server; absent: the embedded database in TANDEM_DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** With DATABASE_URL at a transaction pooler (PgBouncer): the database itself, for LISTEN. */
  DATABASE_DIRECT_URL: z.string().url().optional(),
  TANDEM_DATA_DIR: z.string().default(".tandem-data"),
  /** Fill an empty database with the demo company; default: only for the embedded database. */
  TANDEM_DEMO: z.enum(["auto", "true", "false"]).default("auto"),
  /**
   * Public origin of the app (cookies, CSRF origin check, links); absent: whatever address
   * each request came in by.
   */
  TANDEM_PUBLIC_URL: z.string().url().optional(),
  /**
   * Proxies whose X-Forwarded-For/Proto/Host are believed: a hop count ("1") or a comma list
   * of addresses and CIDR ranges ("10.0.0.0/8,loopback"); absent: none.
   */
  TANDEM_TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      try {
        return parseTrustProxy(value);
      } catch (error) {
        ctx.addIssue({
          code: "custom",
          message: `not a hop count or a list of addresses (${error instanceof Error ? error.message : String(error)})`,
        });
        return z.NEVER;
      }
    }),
  /** Signs sessions; generated and kept in the data folder when absent. */
  BETTER_AUTH_SECRET: z.string().min(32).optional(),
  /**
   * The mail server, as smtp://user:password@host:587 (STARTTLS when offered) or smtps://…:465;
   * absent: mail is written to the outbox in TANDEM_DATA_DIR and listed in Settings.
   */
  TANDEM_SMTP_URL: z
    .string()
    .url()
    .refine((url) => /^smtps?:\/\//.test(url), "must start with smtp:// or smtps://")
    .optional(),
  /** The sender of every email. */
  TANDEM_MAIL_FROM: z.string().min(3).default("Tandem <tandem@localhost>"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /**
   * Single sign-on through an OpenID Connect provider: its discovery URL, the client Tandem
   * was registered as, the organization people of TANDEM_OIDC_DOMAINS (comma-separated) join,
   * with TANDEM_OIDC_DEFAULT_ROLE or the highest role TANDEM_OIDC_ROLE_MAP
   * ("group=role,group=role") gives the groups in claim TANDEM_OIDC_ROLE_CLAIM.
   * TANDEM_OIDC_PASSWORD_SIGN_IN=off: people of those domains cannot use a password.
   */
  TANDEM_OIDC_DISCOVERY_URL: z.string().url().optional(),
  TANDEM_OIDC_CLIENT_ID: z.string().min(1).optional(),
  TANDEM_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  TANDEM_OIDC_ORGANIZATION: z.string().min(1).optional(),
  TANDEM_OIDC_DOMAINS: z.string().default(""),
  TANDEM_OIDC_DEFAULT_ROLE: z.enum(roles).default("viewer"),
  TANDEM_OIDC_ROLE_CLAIM: z.string().min(1).default("groups"),
  TANDEM_OIDC_SCOPES: z.string().default("openid email profile"),
  TANDEM_OIDC_ROLE_MAP: z.string().default(""),
  TANDEM_OIDC_PASSWORD_SIGN_IN: z.enum(["on", "off"]).default("on"),
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

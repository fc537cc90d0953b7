import type { Database } from "@tandem/db";
import { schema } from "@tandem/db";
import { defaultOrganizationId } from "@tandem/db/queries/members";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { organization } from "better-auth/plugins";
import { publishAccessEnded } from "./live/publish";

export interface AuthOptions {
  database: Database;
  secret: string;
  /** Public origin, e.g. http://localhost:8080; cookies become Secure behind https. */
  baseURL: string;
  /** Sign-in attempts per minute and address; tests raise it. */
  signInPerMinute?: number;
}

/**
 * Accounts, sessions and organizations through better-auth. Organization settings
 * (currency, timezone, fiscal start) and a member's team are additional fields of its
 * organization plugin, so one call creates an organization with them.
 */
export function createAuth(options: AuthOptions) {
  const { database } = options;
  return betterAuth({
    database: drizzleAdapter(database.db, { provider: "pg", schema }),
    secret: options.secret,
    baseURL: options.baseURL,
    basePath: "/api/auth",
    trustedOrigins: [options.baseURL],
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128 },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: 60, max: options.signInPerMinute ?? 10 },
        "/sign-up/email": { window: 60, max: options.signInPerMinute ?? 10 },
      },
    },
    advanced: {
      // Behind a proxy the client address comes from X-Forwarded-For.
      ipAddress: { ipAddressHeaders: ["x-forwarded-for", "x-real-ip"] },
    },
    telemetry: { enabled: false },
    databaseHooks: {
      session: {
        create: {
          // Signing in lands in the user's organization instead of an empty "choose one" state.
          before: async (session) => ({
            data: {
              ...session,
              activeOrganizationId: await defaultOrganizationId(database.db, session.userId),
            },
          }),
        },
        delete: {
          // Sign-out and every revoke route of better-auth end here: the session's open
          // streams close in every API process.
          after: async (session) => {
            await publishAccessEnded(database, {
              kind: "sessions_ended",
              sessionIds: [session.id],
            });
          },
        },
      },
    },
    plugins: [
      organization({
        creatorRole: "owner",
        schema: {
          organization: {
            additionalFields: {
              currency: { type: "string", required: true, input: true },
              timezone: { type: "string", required: true, input: true },
              fiscalStartMonth: { type: "number", required: false, input: true, defaultValue: 1 },
            },
          },
          member: {
            additionalFields: {
              teamId: { type: "string", required: false, input: true },
            },
          },
        },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

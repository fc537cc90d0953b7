import type { Database } from "@tandem/db";
import { schema } from "@tandem/db";
import { defaultOrganizationId } from "@tandem/db/queries/members";
import { findAccountSubject, findSsoByDomain, isMemberByEmail } from "@tandem/db/queries/sso";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { hashPassword, verifyPassword } from "better-auth/crypto";
import { genericOAuth, organization, twoFactor } from "better-auth/plugins";
import { publishAccessEnded } from "./live/publish";
import { SESSION_COOKIE_CACHE_SECONDS } from "./live/read-caches";
import type { Logger } from "./logger";
import { passwordResetMail } from "./mail/account-mail";
import { type Mailer, temporaryMailer } from "./mail/mailer";
import { domainOf, inDomains, joinBySingleSignOn, type OidcOptions, takeRole } from "./sso";
import { organizationSignOn, orgOfProviderId, providerConfig, ssoSecretBox } from "./sso-providers";
import { keepRoleInStep } from "./sso-role-sync";

export type { OidcOptions } from "./sso";

/** How passwords are hashed and checked, in better-auth's shape. */
export interface PasswordHashing {
  hash(password: string): Promise<string>;
  verify(input: { hash: string; password: string }): Promise<boolean>;
}

import { describeError } from "./redact";

/**
 * Headers the app sets on every request it hands the auth library, after removing any the
 * client sent: the origin the app's origin check accepted, and the client address it
 * believed. The library then agrees with the app instead of reading spoofable headers.
 */
export const TRUSTED_ORIGIN_HEADER = "x-tandem-trusted-origin";
export const CLIENT_ADDRESS_HEADER = "x-tandem-client-address";

export interface AuthOptions {
  database: Database;
  secret: string;
  /**
   * TANDEM_PUBLIC_URL, or a local default; cookies become Secure behind https. Requests
   * from any other address are trusted per request (TRUSTED_ORIGIN_HEADER).
   */
  baseURL: string;
  /**
   * Sign-ups (default 10), password-reset requests (default 5) and two-factor steps (default
   * 20) per minute and address; tests raise them. Sign-ins have limits of their own.
   */
  signInPerMinute?: number;
  /** Sends password resets; default: an outbox in the temporary folder. */
  mailer?: Mailer;
  logger?: Logger;
  /** Default: better-auth's own; API tests pass a cheaper one (testing/test-password.ts). */
  passwordHashing?: PasswordHashing;
  /** Single sign-on through the environment's OpenID Connect provider (TANDEM_OIDC_*). */
  oidc?: OidcOptions;
}

/**
 * Whether this email may sign in with a password. The environment's provider wins for its
 * domains; an organization's refuses only its own members, so an owner claiming a domain
 * cannot lock out people of other organizations.
 */
async function passwordAllowed(database: Database, oidc: OidcOptions | undefined, email: string) {
  if (oidc && inDomains(oidc, email)) return oidc.passwordSignIn;
  const sso = await findSsoByDomain(database.db, domainOf(email));
  if (!sso || sso.passwordSignIn) return true;
  return !(await isMemberByEmail(database.db, sso.orgId, email));
}

/**
 * Accounts, sessions and organizations through better-auth. Organization settings
 * (currency, timezone, fiscal start) and a member's team are additional fields of its
 * organization plugin, so one call creates an organization with them.
 */
export function createAuth(options: AuthOptions) {
  const { database } = options;
  const mailer = options.mailer ?? temporaryMailer();
  const { oidc } = options;
  return betterAuth({
    database: drizzleAdapter(database.db, { provider: "pg", schema }),
    secret: options.secret,
    baseURL: options.baseURL,
    basePath: "/api/auth",
    trustedOrigins: (request) => [request?.headers.get(TRUSTED_ORIGIN_HEADER)],
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      resetPasswordTokenExpiresIn: 60 * 60,
      // Whoever had the old password is signed out everywhere.
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, token }, request) => {
        // The link opens our reset screen at the address the person asked from (or the public
        // URL), not the library's baseURL, which is localhost when TANDEM_PUBLIC_URL is unset.
        const origin = request?.headers.get(TRUSTED_ORIGIN_HEADER) ?? options.baseURL;
        const resetUrl = `${origin}/reset-password?token=${encodeURIComponent(token)}`;
        // Not awaited: an answer that took as long as a mail server would tell who has an
        // account here. A failure goes to the log.
        void mailer
          .send(passwordResetMail({ to: user.email, name: user.name, resetUrl }))
          .catch((error: unknown) =>
            options.logger?.error("could not send a password reset", {
              error: describeError(error),
            }),
          );
      },
      password: options.passwordHashing ?? { hash: hashPassword, verify: verifyPassword },
    },
    session: {
      expiresIn: 60 * 60 * 24 * 14,
      updateAge: 60 * 60 * 24,
      // A signed copy of the session in a cookie: most requests need no session query. Ended
      // sessions are refused at once through the live hub's notices (tenant.ts).
      cookieCache: { enabled: true, maxAge: SESSION_COOKIE_CACHE_SECONDS },
    },
    rateLimit: {
      enabled: true,
      window: 60,
      max: 300,
      customRules: {
        // Kept in the database per account and address instead (sign-in-limits.ts): this
        // in-memory bucket is per process and would lock a whole office out for one typo.
        "/sign-in/email": false,
        "/sign-up/email": { window: 60, max: options.signInPerMinute ?? 10 },
        // Each one sends an email: a few per minute and address is plenty for a person.
        "/request-password-reset": { window: 60, max: options.signInPerMinute ?? 5 },
        // Per address and route (the plugin's own 3 per 10 s would stall an office signing
        // in at nine); guessing stays bounded by 5 tries per challenge and a lockout after 10.
        "/two-factor/*": { window: 60, max: options.signInPerMinute ?? 20 },
        // Each starts a sign-in at the OpenID provider, which keeps limits of its own.
        "/sign-in/social": { window: 60, max: options.signInPerMinute ?? 20 },
      },
    },
    advanced: {
      // Set by the app from the socket, or from X-Forwarded-For only through trusted proxies.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
    },
    telemetry: { enabled: false },
    hooks: {
      // The organization turned passwords off for its domains: single sign-on only.
      before: createAuthMiddleware(async (ctx) => {
        const email: unknown = ctx.body?.email;
        if (ctx.path !== "/sign-in/email" || typeof email !== "string") return;
        if (!(await passwordAllowed(database, oidc, email))) {
          throw new APIError("FORBIDDEN", {
            message: "Your organization signs in with single sign-on, not a password",
            code: "PASSWORD_SIGN_IN_OFF",
          });
        }
      }),
      // A later sign-in through a provider: the role follows the claim (lib/sso-role-sync.ts).
      after: createAuthMiddleware(async (ctx) => {
        const providerId: unknown = ctx.params?.id;
        const signedIn = ctx.context.newSession;
        if (ctx.path !== "/callback/:id" || typeof providerId !== "string" || !signedIn) return;
        const subject = await findAccountSubject(database.db, signedIn.user.id, providerId);
        const pending = subject ? takeRole(providerId, subject) : undefined;
        if (pending)
          await keepRoleInStep(database, pending.options, signedIn.user.id, pending.role);
      }),
    },
    databaseHooks: {
      account: {
        create: {
          after: async (account) => {
            if (account.providerId === "oidc" || orgOfProviderId(account.providerId)) {
              await joinBySingleSignOn(database, {
                userId: account.userId,
                providerId: account.providerId,
                subject: account.accountId,
              });
            }
          },
        },
      },
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
      // The environment's provider, read once here (decision 056).
      genericOAuth({ config: oidc ? [providerConfig(database, oidc)] : [] }),
      // Organizations' providers, set in Settings and resolved per request (decision 060).
      organizationSignOn({ database, box: ssoSecretBox(options.secret) }),
      // TOTP from an authenticator app, with ten single-use recovery codes. Sign-in answers
      // { twoFactorRedirect: true } and the session exists only after the second step.
      twoFactor({ issuer: "Tandem", twoFactorTable: "twoFactor" }),
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

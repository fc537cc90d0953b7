import { randomBytes } from "node:crypto";
import type { Database } from "@tandem/db";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import type { AddressConfig } from "./lib/addresses";
import { mountApiDocs } from "./lib/api-docs";
import type { Auth } from "./lib/auth";
import { authRequest } from "./lib/auth-request";
import { isAllowedAuthRoute, refuseAuthRoute } from "./lib/auth-routes";
import type { DemoSignIn } from "./lib/context";
import { ApiError, problemResponse } from "./lib/errors";
import { createLiveHub, type LiveHub } from "./lib/live/hub";
import { createLogger, type Logger } from "./lib/logger";
import { type Mailer, temporaryMailer } from "./lib/mail/mailer";
import { mountOpenApiDocument } from "./lib/openapi-document";
import { originGuard } from "./lib/origin-guard";
import { describeError } from "./lib/redact";
import { rememberOrigin } from "./lib/remember-origin";
import { createRouter } from "./lib/router";
import type { SecretBox } from "./lib/secret-box";
import { noStoreApi, securityHeaders } from "./lib/security-headers";
import { signInLimit } from "./lib/sign-in-limit";
import type { OidcOptions } from "./lib/sso";
import { mountWebApp } from "./lib/static";
import { chatUrlBox } from "./notify/chat/chat-url";
import { apiKeysRoutes } from "./routes/api-keys/api-keys.index";
import { attributionRoutes } from "./routes/attribution/attribution.index";
import { auditRoutes } from "./routes/audit/audit.index";
import { chatChannelsRoutes } from "./routes/chat-channels/chat-channels.index";
import { dealStagesRoutes } from "./routes/deal-stages/deal-stages.index";
import { redactDisplayTokens } from "./routes/displays/display-token";
import { displaysRoutes } from "./routes/displays/displays.index";
import { factsRoutes } from "./routes/facts/facts.index";
import { mountFirstScreen } from "./routes/first-screen/first-screen.index";
import { forecastRoutes } from "./routes/forecast/forecast.index";
import { goalsRoutes } from "./routes/goals/goals.index";
import { healthRouter } from "./routes/health/health.index";
import { importsRoutes } from "./routes/imports/imports.index";
import { ingestRoutes } from "./routes/ingest/ingest.index";
import { keyResultsRoutes } from "./routes/key-results/key-results.index";
import { leadQualityRoutes } from "./routes/lead-quality/lead-quality.index";
import { leadsRoutes } from "./routes/leads/leads.index";
import { meRoutes } from "./routes/me/me.index";
import { membersRoutes } from "./routes/members/members.index";
import { metaRoutes } from "./routes/meta/meta.index";
import { notificationPreferencesRoutes } from "./routes/notification-preferences/notification-preferences.index";
import { organizationsRoutes } from "./routes/organizations/organizations.index";
import { outboxRoutes } from "./routes/outbox/outbox.index";
import { serverAddressesRoutes } from "./routes/server-addresses/server-addresses.index";
import { sessionsRoutes } from "./routes/sessions/sessions.index";
import { signInPolicyRoutes } from "./routes/sign-in-policy/sign-in-policy.index";
import { signOnRoutes, ssoRoutes } from "./routes/sso/sso.index";
import { createStreamRoutes } from "./routes/stream/stream.index";
import { summaryRoutes } from "./routes/summary/summary.index";
import { teamsRoutes } from "./routes/teams/teams.index";

export interface AppOptions {
  database: Database;
  auth: Auth;
  /** Demo mode: the sign-in page lists these people. */
  demoPeople?: DemoSignIn[];
  logger?: Logger;
  /** Folder of the built web app; nothing is served when absent or not built. */
  webDist?: string;
  /** Live updates; default: a hub of this app's own, listening from its first stream. */
  live?: LiveHub;
  /** TANDEM_PUBLIC_URL and TANDEM_TRUST_PROXY; default: no public URL, no proxy believed. */
  addresses?: AddressConfig;
  /** Invitations and notifications; default: an outbox in the temporary folder. */
  mailer?: Mailer;
  /**
   * Seals chat webhook URLs: chatUrlBox(the auth secret). Default: a key of this process only,
   * for apps that never keep a channel (benchmarks).
   */
  secretBox?: SecretBox;
  /** The environment's OpenID provider, the one createAuth was given (TANDEM_OIDC_*). */
  oidc?: OidcOptions;
}

/** Largest accepted request body: an ingest batch of 10,000 records fits comfortably. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export function createApp(options: AppOptions) {
  const logger = options.logger ?? createLogger("silent");
  const app = createRouter();
  const live = options.live ?? createLiveHub({ database: options.database, logger });
  const addresses = options.addresses ?? { trustProxy: false };
  const mailer = options.mailer ?? temporaryMailer();
  const secretBox = options.secretBox ?? chatUrlBox(randomBytes(32).toString("base64url"));

  app.use("*", requestId());
  app.use("*", async (c, next) => {
    c.set("database", options.database);
    c.set("logger", logger);
    c.set("auth", options.auth);
    c.set("live", live);
    c.set("demoPeople", options.demoPeople ?? []);
    c.set("addresses", addresses);
    c.set("mailer", mailer);
    c.set("secretBox", secretBox);
    c.set("environmentSignOn", options.oidc);
    const started = performance.now();
    await next();
    logger.info("request", {
      requestId: c.var.requestId,
      method: c.req.method,
      path: redactDisplayTokens(c.req.path),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });
  app.use("*", securityHeaders);
  app.use("/api/*", noStoreApi);
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError("payload_too_large", `The request body is over ${MAX_BODY_BYTES} bytes`);
    },
  });
  // A GET or HEAD has no body to limit; asking for one makes the Node adapter build a whole
  // Request object, a tenth of a summary request's time (decision 047).
  app.use("/api/*", (c, next) =>
    c.req.method === "GET" || c.req.method === "HEAD" ? next() : limitBody(c, next),
  );

  // Mutations by cookie must come from the origin Tandem is served at (CSRF), whatever the body.
  app.use("/api/*", originGuard(addresses));
  app.use("/api/auth/*", signInLimit);
  app.all("/api/auth/*", (c) =>
    isAllowedAuthRoute(c.req.method, c.req.path)
      ? options.auth.handler(authRequest(c, addresses))
      : refuseAuthRoute(c),
  );

  app.get("/api/v1/me", rememberOrigin);
  const api = app
    .route("/api", healthRouter)
    .route("/api", metaRoutes)
    .route("/api", signOnRoutes)
    .route("/api/v1", organizationsRoutes)
    .route("/api/v1", meRoutes)
    .route("/api/v1", goalsRoutes)
    .route("/api/v1", summaryRoutes)
    .route("/api/v1", forecastRoutes)
    .route("/api/v1", leadQualityRoutes)
    .route("/api/v1", attributionRoutes)
    .route("/api/v1", displaysRoutes)
    .route("/api/v1", createStreamRoutes(live))
    .route("/api/v1", keyResultsRoutes)
    .route("/api/v1", teamsRoutes)
    .route("/api/v1", membersRoutes)
    .route("/api/v1", sessionsRoutes)
    .route("/api/v1", signInPolicyRoutes)
    .route("/api/v1", ssoRoutes)
    .route("/api/v1", serverAddressesRoutes)
    .route("/api/v1", auditRoutes)
    .route("/api/v1", apiKeysRoutes)
    .route("/api/v1", ingestRoutes)
    .route("/api/v1", importsRoutes)
    .route("/api/v1", leadsRoutes)
    .route("/api/v1", factsRoutes)
    .route("/api/v1", dealStagesRoutes)
    .route("/api/v1", outboxRoutes)
    .route("/api/v1", notificationPreferencesRoutes)
    .route("/api/v1", chatChannelsRoutes);

  mountFirstScreen(app);
  mountOpenApiDocument(app);

  mountApiDocs(app);
  if (options.webDist) mountWebApp(app, options.webDist);

  app.notFound((c) => {
    return problemResponse(
      c,
      new ApiError("not_found", `No route for ${c.req.method} ${c.req.path}`),
    );
  });

  app.onError((error, c) => {
    if (error instanceof ApiError) return problemResponse(c, error);
    if (error instanceof HTTPException && error.status < 500) {
      const code =
        error.status === 401 ? "unauthorized" : error.status === 403 ? "forbidden" : "bad_request";
      return problemResponse(c, new ApiError(code, error.message || "Bad request"));
    }
    // The details go to the log, never to the client.
    logger.error("unhandled error", {
      requestId: c.var.requestId,
      error: describeError(error),
    });
    return problemResponse(
      c,
      new ApiError(
        "internal_error",
        "An unexpected error occurred; the request id identifies it in the server log",
      ),
    );
  });

  return api;
}

export type AppType = ReturnType<typeof createApp>;

import { resolve } from "node:path";
import { serve } from "@hono/node-server";
import { keepStatisticsFresh } from "@tandem/db";
import { demoPeople, isDatabaseEmpty, seedDemo } from "@tandem/db/demo";
import { createApp } from "./app";
import { readEnv } from "./env";
import { createAuth } from "./lib/auth";
import { createLiveHub } from "./lib/live/hub";
import { createLogger } from "./lib/logger";
import { createMailer } from "./lib/mail/mailer";
import { describeError } from "./lib/redact";
import { oidcFromEnv } from "./lib/sso";
import { chatUrlBox } from "./notify/chat/chat-url";
import { createScheduler } from "./notify/scheduler";
import { authSecret, openDatabase, repoRoot, shouldSeedDemo } from "./server";

const env = readEnv();
const logger = createLogger(env.LOG_LEVEL);
const database = openDatabase(env);

await database.migrate();
const demo = shouldSeedDemo(env);
if (demo && (await isDatabaseEmpty(database.db))) {
  logger.info("filling the empty database with the demo company");
  const started = performance.now();
  await seedDemo(database, {});
  logger.info("demo data ready", { ms: Math.round(performance.now() - started) });
}
const statistics = keepStatisticsFresh(database, {
  onError: (error) =>
    logger.warn("could not refresh planner statistics", { error: describeError(error) }),
});

const baseURL = env.TANDEM_PUBLIC_URL ?? `http://localhost:${env.PORT}`;
const mailer = createMailer({
  smtpUrl: env.TANDEM_SMTP_URL,
  from: env.TANDEM_MAIL_FROM,
  outboxDir: resolve(repoRoot, env.TANDEM_DATA_DIR, "outbox"),
});
const secret = authSecret(env);
const oidc = oidcFromEnv(env);
const auth = createAuth({ database, secret, baseURL, mailer, logger, oidc });
const secretBox = chatUrlBox(secret);
const addresses = {
  publicUrl: env.TANDEM_PUBLIC_URL,
  trustProxy: env.TANDEM_TRUST_PROXY,
  listenHost: env.HOST,
};
// Listening before the first request, so no change made after startup is missed.
const live = createLiveHub({ database, logger });
await live.start();
const app = createApp({
  live,
  mailer,
  secretBox,
  oidc,
  addresses,
  database,
  auth,
  demoPeople: demo
    ? demoPeople.map(({ email, role, password }) => ({ email, role, password }))
    : [],
  logger,
  webDist: resolve(repoRoot, env.TANDEM_WEB_DIST ?? "web/dist"),
});

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  const url = `http://localhost:${info.port}`;
  logger.info("listening", { url, database: database.kind });
  if (demo) {
    console.log(
      `\n  Tandem is running at ${url}\n\n  Demo sign-ins (password: ${demoPeople[0]?.password ?? ""}):`,
    );
    for (const person of demoPeople) console.log(`    ${person.email.padEnd(22)} ${person.role}`);
    console.log("");
  }
});

// Reminders, digests and alerts: safe with any number of instances (src/notify/scheduler.ts).
const scheduler = createScheduler({
  database,
  mailer,
  secretBox,
  logger,
  publicUrl: env.TANDEM_PUBLIC_URL,
  fallbackOrigin: baseURL,
});
scheduler.start();

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info("shutting down", { signal });
  // Stop accepting connections, let requests in flight finish, then close the database.
  const closed = new Promise<void>((done) => server.close(() => done()));
  // Open streams would hold the server open: end them (browsers reconnect to another instance).
  await live.close();
  // Their connections turn idle only now; left open, a browser reconnecting on one would hold
  // the server for the whole timeout.
  setTimeout(() => {
    if ("closeIdleConnections" in server) server.closeIdleConnections();
  }, 100).unref();
  const timeout = new Promise<void>((done) => setTimeout(done, 10_000).unref());
  await Promise.race([closed, timeout]);
  await scheduler.stop();
  mailer.close();
  await statistics.stop();
  await database.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

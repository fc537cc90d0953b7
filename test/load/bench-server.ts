// The app under test, in its own process so that the load generator and the browser never
// share its event loop: `node --import tsx test/load/bench-server.ts --database-url URL
// [--web-dist DIR]`, forked by server-process.ts, which it tells its port over IPC.
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { serve } from "@hono/node-server";
import { createDb } from "@tandem/db";
import { createBenchApp } from "./bench-app";
import type { ServerMessage } from "./server-messages";

const { values } = parseArgs({
  options: {
    "database-url": { type: "string" },
    "web-dist": { type: "string" },
  },
});
const url = values["database-url"];
if (!url) throw new Error("--database-url is required");

const database = createDb({ url });
let app: ReturnType<typeof createBenchApp> | undefined;

// The auth library needs the origin, known once the ephemeral port is: requests that arrive
// before the app exists get 503 (none do; the parent waits for the message below).
const server = serve(
  {
    fetch: (request, env) => app?.fetch(request, env) ?? new Response(null, { status: 503 }),
    port: 0,
    hostname: "127.0.0.1",
  },
  (info: AddressInfo) => {
    app = createBenchApp({
      database,
      origin: `http://127.0.0.1:${info.port}`,
      webDist: values["web-dist"],
    });
    send({ type: "listening", port: info.port });
  },
);

function send(message: ServerMessage): void {
  process.send?.(message);
}

process.on("message", (message: unknown) => {
  if (message === "rss") send({ type: "rss", bytes: process.memoryUsage.rss() });
});

async function stop(): Promise<void> {
  server.close();
  await database.close();
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("disconnect", () => void stop());

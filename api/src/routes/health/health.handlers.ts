import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../lib/context";
import type { getHealth } from "./health.routes";

const PING_TIMEOUT_MS = 2_000;

export const health: RouteHandler<typeof getHealth, AppEnv> = async (c) => {
  const reachable = await Promise.race([
    c.var.database.ping().then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), PING_TIMEOUT_MS).unref()),
  ]);
  if (reachable) return c.json({ status: "ok" as const, db: "ok" as const }, 200);
  return c.json({ status: "degraded" as const, db: "unreachable" as const }, 503);
};

import type { RouteHandler } from "@hono/zod-openapi";
import type { IngestKind } from "@tandem/db/queries/ingest";
import type { Context } from "hono";
import type { IngestTarget } from "../../ingest/ingest-service";
import type { IngestEnv } from "../../lib/api-key-auth";
import { type IngestQuery, runIngest } from "./ingest.request";
import type { ingestDealsRoute, ingestLeadsRoute, ingestTouchpointsRoute } from "./ingest.routes";

function targetOf(c: Context<IngestEnv>): IngestTarget {
  const caller = c.var.keyCaller;
  return {
    orgId: caller.orgId,
    currency: caller.currency,
    timezone: caller.timezone,
    actor: { kind: "api_key", id: caller.keyId },
  };
}

const run = (c: Context<IngestEnv>, kind: IngestKind, query: IngestQuery) =>
  runIngest(c.var.database, c.req.raw, targetOf(c), kind, query);

export const ingestLeads: RouteHandler<typeof ingestLeadsRoute, IngestEnv> = async (c) =>
  c.json(await run(c, "leads", c.req.valid("query")), 200);

export const ingestDeals: RouteHandler<typeof ingestDealsRoute, IngestEnv> = async (c) =>
  c.json(await run(c, "deals", c.req.valid("query")), 200);

export const ingestTouchpoints: RouteHandler<typeof ingestTouchpointsRoute, IngestEnv> = async (
  c,
) => c.json(await run(c, "touchpoints", c.req.valid("query")), 200);

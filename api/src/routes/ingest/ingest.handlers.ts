import type { RouteHandler } from "@hono/zod-openapi";
import type { IngestKind } from "@tandem/db/queries/ingest";
import { archiveFacts } from "@tandem/db/queries/ingest-archive";
import type { Context } from "hono";
import type { IngestTarget } from "../../ingest/ingest-service";
import type { IngestEnv } from "../../lib/api-key-auth";
import { publishChange } from "../../lib/live/publish";
import { type IngestQuery, runIngest } from "./ingest.request";
import type {
  archiveDealsRoute,
  archiveLeadsRoute,
  archiveTouchpointsRoute,
  ingestDealsRoute,
  ingestLeadsRoute,
  ingestTouchpointsRoute,
} from "./ingest.routes";

function targetOf(c: Context<IngestEnv>): IngestTarget {
  const caller = c.var.keyCaller;
  return {
    orgId: caller.orgId,
    currency: caller.currency,
    timezone: caller.timezone,
    actor: { kind: "api_key", id: caller.keyId },
  };
}

/** The answer, marked when it is the stored answer of a retry (Idempotency-Key). */
async function run(c: Context<IngestEnv>, kind: IngestKind, query: IngestQuery) {
  const summary = await runIngest(c.var.database, c.req.raw, targetOf(c), kind, query);
  if (summary.replayed) c.header("idempotent-replayed", "true");
  return summary;
}

export const ingestLeads: RouteHandler<typeof ingestLeadsRoute, IngestEnv> = async (c) =>
  c.json(await run(c, "leads", c.req.valid("query")), 200);

export const ingestDeals: RouteHandler<typeof ingestDealsRoute, IngestEnv> = async (c) =>
  c.json(await run(c, "deals", c.req.valid("query")), 200);

export const ingestTouchpoints: RouteHandler<typeof ingestTouchpointsRoute, IngestEnv> = async (
  c,
) => c.json(await run(c, "touchpoints", c.req.valid("query")), 200);

const archive = async (c: Context<IngestEnv>, kind: IngestKind, externalIds: string[]) => {
  const caller = c.var.keyCaller;
  const counts = await archiveFacts(c.var.database.db, caller.orgId, kind, externalIds, {
    kind: "api_key",
    id: caller.keyId,
  });
  if (counts.archived > 0)
    await publishChange(c.var.database, { orgId: caller.orgId, kind: "ingest" });
  return { kind, ...counts };
};

export const archiveLeads: RouteHandler<typeof archiveLeadsRoute, IngestEnv> = async (c) =>
  c.json(await archive(c, "leads", c.req.valid("json").externalIds), 200);

export const archiveDeals: RouteHandler<typeof archiveDealsRoute, IngestEnv> = async (c) =>
  c.json(await archive(c, "deals", c.req.valid("json").externalIds), 200);

export const archiveTouchpoints: RouteHandler<typeof archiveTouchpointsRoute, IngestEnv> = async (
  c,
) => c.json(await archive(c, "touchpoints", c.req.valid("json").externalIds), 200);

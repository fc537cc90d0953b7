import type { RouteHandler } from "@hono/zod-openapi";
import {
  type DealRow,
  type FactCursor,
  getDeal,
  getLead,
  getTouchpoint,
  type LeadRow,
  listDeals,
  listLeads,
  listTouchpoints,
  type TouchpointRow,
} from "@tandem/db/queries/facts";
import type { AppEnv } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import { toMajorUnits } from "../../lib/money";
import { pageOf } from "../../lib/page";
import type {
  getDealRoute,
  getLeadRoute,
  getTouchpointRoute,
  listDealsRoute,
  listLeadsRoute,
  listTouchpointsRoute,
} from "./facts.routes";

const iso = (value: Date | null) => (value === null ? null : value.toISOString());

const leadJson = (row: LeadRow) => ({
  externalId: row.externalId,
  createdAt: row.createdAt.toISOString(),
  source: row.source,
  campaign: row.campaign,
  mqlAt: iso(row.mqlAt),
  sqlAt: iso(row.sqlAt),
  firstContactAt: iso(row.firstContactAt),
  name: row.name,
  email: row.email,
  company: row.company,
  owner: row.owner,
  url: row.url,
  updatedAt: row.updatedAt.toISOString(),
});

const dealJson = (row: DealRow, currency: string) => ({
  externalId: row.externalId,
  leadExternalId: row.leadExternalId,
  amount: toMajorUnits(row.amount, currency),
  stage: row.stage,
  status: row.status,
  createdAt: row.createdAt.toISOString(),
  closedAt: iso(row.closedAt),
  owner: row.owner,
  forecastCategory: row.forecastCategory,
  expectedCloseAt: iso(row.expectedCloseAt),
  updatedAt: row.updatedAt.toISOString(),
});

const touchpointJson = (row: TouchpointRow) => ({
  externalId: row.externalId,
  leadExternalId: row.leadExternalId,
  channel: row.channel,
  campaign: row.campaign,
  occurredAt: row.occurredAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** Cursors are opaque to callers: base64url of the last row's exact (updatedAt, externalId). */
const encodeCursor = (cursor: FactCursor) =>
  Buffer.from(JSON.stringify([cursor.updatedAt, cursor.externalId])).toString("base64url");

function decodeCursor(text: string | undefined): FactCursor | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    value = null;
  }
  if (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === "string" &&
    !Number.isNaN(Date.parse(value[0])) &&
    typeof value[1] === "string"
  ) {
    return { updatedAt: value[0], externalId: value[1] };
  }
  throw new ApiError("validation_failed", "The cursor is not one this API gave", {
    errors: [{ path: "cursor", message: "is not a nextCursor from this API" }],
  });
}

interface Listed<R> {
  row: R;
  cursorAt: string;
}

function factsPage<R extends { externalId: string }, J>(
  rows: Listed<R>[],
  limit: number,
  toJson: (row: R) => J,
) {
  return pageOf(
    rows,
    limit,
    (r) => toJson(r.row),
    (last) => encodeCursor({ updatedAt: last.cursorAt, externalId: last.row.externalId }),
  );
}

function pageQuery(query: { limit: number; cursor?: string; updatedSince?: string }) {
  return {
    limit: query.limit + 1,
    after: decodeCursor(query.cursor),
    updatedSince: query.updatedSince === undefined ? undefined : new Date(query.updatedSince),
  };
}

const notFound = (kind: string) =>
  new ApiError("not_found", `No ${kind} with this externalId in your organization`);

export const listLeadsHandler: RouteHandler<typeof listLeadsRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const rows = await listLeads(c.var.database.db, c.var.reader.orgId, pageQuery(query));
  return c.json(factsPage(rows, query.limit, leadJson), 200);
};

export const listDealsHandler: RouteHandler<typeof listDealsRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const { orgId, currency } = c.var.reader;
  const rows = await listDeals(c.var.database.db, orgId, pageQuery(query));
  return c.json(
    factsPage(rows, query.limit, (row) => dealJson(row, currency)),
    200,
  );
};

export const listTouchpointsHandler: RouteHandler<typeof listTouchpointsRoute, AppEnv> = async (
  c,
) => {
  const query = c.req.valid("query");
  const rows = await listTouchpoints(c.var.database.db, c.var.reader.orgId, pageQuery(query));
  return c.json(factsPage(rows, query.limit, touchpointJson), 200);
};

export const getLeadHandler: RouteHandler<typeof getLeadRoute, AppEnv> = async (c) => {
  const row = await getLead(c.var.database.db, c.var.reader.orgId, c.req.valid("param").externalId);
  if (!row) throw notFound("lead");
  return c.json(leadJson(row), 200);
};

export const getDealHandler: RouteHandler<typeof getDealRoute, AppEnv> = async (c) => {
  const { orgId, currency } = c.var.reader;
  const row = await getDeal(c.var.database.db, orgId, c.req.valid("param").externalId);
  if (!row) throw notFound("deal");
  return c.json(dealJson(row, currency), 200);
};

export const getTouchpointHandler: RouteHandler<typeof getTouchpointRoute, AppEnv> = async (c) => {
  const row = await getTouchpoint(
    c.var.database.db,
    c.var.reader.orgId,
    c.req.valid("param").externalId,
  );
  if (!row) throw notFound("touchpoint");
  return c.json(touchpointJson(row), 200);
};

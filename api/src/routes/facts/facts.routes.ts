import { createRoute, type z } from "@hono/zod-openapi";
import { jsonResponse, problemResponses } from "../../lib/schemas";
import {
  dealPageSchema,
  dealSchema,
  externalIdParams,
  factListQuery,
  leadPageSchema,
  leadSchema,
  touchpointPageSchema,
  touchpointSchema,
} from "./facts.schemas";

/** Either an API key or a signed-in member's session cookie. */
const readerSecurity: Record<string, string[]>[] = [{ apiKey: [] }, { session: [] }];

type Kind = "leads" | "deals" | "touchpoints";

function listRoute<T extends z.ZodType>(kind: Kind, page: T, operationId: string) {
  return createRoute({
    method: "get",
    path: `/${kind}`,
    operationId,
    tags: ["Facts"],
    summary: `The organization's ${kind} as ingest stored them, oldest change first (API key or session)`,
    security: readerSecurity,
    request: { query: factListQuery },
    responses: {
      200: jsonResponse(page, `A page of ${kind}`),
      401: problemResponses[401],
      403: problemResponses[403],
      422: problemResponses[422],
    },
  });
}

function getRoute<T extends z.ZodType>(kind: Kind, item: T, operationId: string) {
  return createRoute({
    method: "get",
    path: `/${kind}/{externalId}`,
    operationId,
    tags: ["Facts"],
    summary: `One of the organization's ${kind} by its externalId (API key or session)`,
    security: readerSecurity,
    request: { params: externalIdParams },
    responses: {
      200: jsonResponse(item, "The record"),
      401: problemResponses[401],
      403: problemResponses[403],
      404: problemResponses[404],
    },
  });
}

export const listLeadsRoute = listRoute("leads", leadPageSchema, "listLeads");
export const listDealsRoute = listRoute("deals", dealPageSchema, "listDeals");
export const listTouchpointsRoute = listRoute(
  "touchpoints",
  touchpointPageSchema,
  "listTouchpoints",
);
export const getLeadRoute = getRoute("leads", leadSchema, "getLead");
export const getDealRoute = getRoute("deals", dealSchema, "getDeal");
export const getTouchpointRoute = getRoute("touchpoints", touchpointSchema, "getTouchpoint");

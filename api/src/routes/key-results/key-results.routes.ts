import { createRoute, z } from "@hono/zod-openapi";
import { funnelMetrics, keyResultKinds, keyResultUnits } from "@tandem/db/schema";
import {
  idParamSchema,
  jsonBody,
  jsonResponse,
  problemFor,
  problemResponses,
} from "../../lib/schemas";
import { checkInViewSchema, keyResultViewSchema } from "../../summary/summary-schema";

export const createKeyResultBody = z
  .strictObject({
    title: z.string().trim().min(1).max(160),
    teamId: z.string().min(1).max(64),
    kind: z.enum(keyResultKinds),
    unit: z.enum(keyResultUnits),
    start: z.number().finite().min(-1e12).max(1e12),
    target: z.number().finite().min(-1e12).max(1e12),
    metric: z
      .enum(funnelMetrics)
      .optional()
      .openapi({ description: "Fed live from the funnel; omitted: updated by check-ins" }),
    cadenceDays: z.number().int().min(1).max(90).default(7),
  })
  .openapi("CreateKeyResult");

const confirm = z.boolean().optional().openapi({
  description: "True: keep a value far outside the key result's range (asked for otherwise)",
});

export const createCheckInBody = z
  .strictObject({
    value: z.number().finite().min(-1e12).max(1e12).optional(),
    confidence: z.number().int().min(1).max(10),
    note: z.string().trim().max(2000).default(""),
    confirm,
  })
  .openapi("CreateCheckIn");

export const updateCheckInBody = z
  .strictObject({
    value: z.number().finite().min(-1e12).max(1e12).optional(),
    confidence: z.number().int().min(1).max(10).optional(),
    note: z.string().trim().max(2000).optional(),
    confirm,
  })
  .openapi("UpdateCheckIn");

export const updateKeyResultBody = z
  .strictObject({
    title: z.string().trim().min(1).max(160).optional(),
    start: z.number().finite().min(-1e12).max(1e12).optional(),
    target: z.number().finite().min(-1e12).max(1e12).optional(),
    cadenceDays: z.number().int().min(1).max(90).optional(),
    archived: z.boolean().optional().openapi({
      description: "True: no longer shown or counted; its history is kept. False: restored",
    }),
  })
  .openapi("UpdateKeyResult");

const tags = ["Key results"];

export const listKeyResultsRoute = createRoute({
  method: "get",
  path: "/goals/{id}/key-results",
  tags,
  summary: "The goal's key results with live values and status",
  request: { params: idParamSchema },
  responses: {
    200: jsonResponse(z.object({ keyResults: z.array(keyResultViewSchema) }), "Key results"),
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
  },
});

export const archivedKeyResultSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    team: z.object({ id: z.string(), name: z.string() }),
    archivedAt: z.string(),
    version: z.number().int().openapi({ description: "Send as If-Match to restore it" }),
  })
  .openapi("ArchivedKeyResult");

export const listArchivedKeyResultsRoute = createRoute({
  method: "get",
  path: "/goals/{id}/key-results/archived",
  tags,
  summary: "The goal's archived key results, to restore (PATCH archived: false)",
  request: { params: idParamSchema },
  responses: {
    200: jsonResponse(
      z.object({ keyResults: z.array(archivedKeyResultSchema) }),
      "Archived key results, newest archived first",
    ),
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
  },
});

export const createKeyResultRoute = createRoute({
  method: "post",
  path: "/goals/{id}/key-results",
  tags,
  summary: "Add a key result owned by a team (leads for their own team, execs for any)",
  request: { params: idParamSchema, body: jsonBody(createKeyResultBody) },
  responses: {
    201: jsonResponse(keyResultViewSchema, "The new key result"),
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
    422: problemResponses[422],
  },
});

export const listCheckInsRoute = createRoute({
  method: "get",
  path: "/key-results/{id}/check-ins",
  tags,
  summary: "A key result's check-in history, newest first",
  request: { params: idParamSchema },
  responses: {
    200: jsonResponse(
      z.object({ keyResult: keyResultViewSchema, checkIns: z.array(checkInViewSchema) }),
      "History",
    ),
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
  },
});

export const createCheckInRoute = createRoute({
  method: "post",
  path: "/key-results/{id}/check-ins",
  tags,
  summary: "Check in on a key result; If-Match with the key result's version is required",
  request: {
    params: idParamSchema,
    headers: z.object({ "if-match": z.string().optional() }),
    body: jsonBody(createCheckInBody),
  },
  responses: {
    201: jsonResponse(
      z.object({ checkIn: checkInViewSchema, keyResult: keyResultViewSchema }),
      "The check-in and the key result after it",
    ),
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
    412: problemFor("Someone checked in since the given version"),
    422: problemResponses[422],
    428: problemResponses[428],
  },
});

const ifMatch = z.object({ "if-match": z.string().optional() });

export const updateKeyResultRoute = createRoute({
  method: "patch",
  path: "/key-results/{id}",
  tags,
  summary: "Edit or archive a key result; If-Match with its version is required",
  request: { params: idParamSchema, headers: ifMatch, body: jsonBody(updateKeyResultBody) },
  responses: {
    200: jsonResponse(keyResultViewSchema, "The key result after the change"),
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
    412: problemResponses[412],
    422: problemResponses[422],
    428: problemResponses[428],
  },
});

export const updateCheckInRoute = createRoute({
  method: "patch",
  path: "/check-ins/{id}",
  tags,
  summary:
    "Correct a check-in (its author or an owner); If-Match with its key result's version is required",
  request: { params: idParamSchema, headers: ifMatch, body: jsonBody(updateCheckInBody) },
  responses: {
    200: jsonResponse(
      z.object({ checkIn: checkInViewSchema, keyResult: keyResultViewSchema }),
      "The check-in and the key result after it",
    ),
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
    412: problemResponses[412],
    422: problemResponses[422],
    428: problemResponses[428],
  },
});

export const deleteCheckInRoute = createRoute({
  method: "delete",
  path: "/check-ins/{id}",
  tags,
  summary:
    "Delete a check-in (its author or an owner); If-Match with its key result's version is required",
  request: { params: idParamSchema, headers: ifMatch },
  responses: {
    204: { description: "Deleted; the ETag carries the key result's new version" },
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
    412: problemResponses[412],
    428: problemResponses[428],
  },
});

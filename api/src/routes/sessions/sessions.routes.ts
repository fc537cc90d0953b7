import { createRoute, z } from "@hono/zod-openapi";
import { idParamSchema, jsonResponse, problemResponses } from "../../lib/schemas";

export const sessionSchema = z
  .object({
    id: z.string(),
    current: z.boolean().openapi({ description: "The session this request came with" }),
    device: z.object({
      label: z.string().openapi({ example: "Firefox 132 on macOS" }),
      kind: z.enum(["desktop", "mobile", "tablet", "tv", "other"]),
    }),
    ipAddress: z.string().nullable(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    expiresAt: z.string(),
  })
  .openapi("Session");

export const sessionListSchema = z.object({ sessions: z.array(sessionSchema) });
export const endedSchema = z.object({ ended: z.number().int() }).openapi("SessionsEnded");

const tags = ["Sessions"];

export const listSessionsRoute = createRoute({
  method: "get",
  path: "/sessions",
  tags,
  summary: "The caller's signed-in sessions: device, address, last seen",
  responses: {
    200: jsonResponse(sessionListSchema, "Sessions, most recently seen first"),
    401: problemResponses[401],
  },
});

export const endSessionRoute = createRoute({
  method: "delete",
  path: "/sessions/{id}",
  tags,
  summary: "End one of the caller's sessions (the current one signs out); its streams close",
  request: { params: idParamSchema },
  responses: {
    204: { description: "Ended" },
    401: problemResponses[401],
    404: problemResponses[404],
  },
});

export const endOtherSessionsRoute = createRoute({
  method: "delete",
  path: "/sessions",
  tags,
  summary: "End every session of the caller but the current one",
  responses: {
    200: jsonResponse(endedSchema, "How many ended"),
    401: problemResponses[401],
  },
});

export const listMemberSessionsRoute = createRoute({
  method: "get",
  path: "/members/{id}/sessions",
  tags,
  summary: "A member's sessions (owner)",
  request: { params: idParamSchema },
  responses: {
    200: jsonResponse(sessionListSchema, "Sessions, most recently seen first"),
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
  },
});

export const endMemberSessionsRoute = createRoute({
  method: "delete",
  path: "/members/{id}/sessions",
  tags,
  summary: "Sign a member out everywhere (owner): all their sessions end, with their streams",
  request: { params: idParamSchema },
  responses: {
    200: jsonResponse(endedSchema, "How many ended"),
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
  },
});

import { createRoute, z } from "@hono/zod-openapi";
import { liveSummarySchema } from "../../lib/live/live-summary-schema";
import {
  idParamSchema,
  jsonBody,
  jsonResponse,
  problemFor,
  problemResponses,
} from "../../lib/schemas";

const tags = ["Displays"];

export const createDisplayBody = z
  .strictObject({
    name: z.string().trim().min(1).max(100).openapi({ example: "Office TV, 3rd floor" }),
    goalId: z.string().min(1).max(64),
  })
  .openapi("CreateDisplay");

export const displaySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    goalId: z.string(),
    goalName: z.string(),
    createdBy: z.string(),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Display");

export const createdDisplaySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    goalId: z.string(),
    token: z
      .string()
      .openapi({ description: "The secret in the screen's link, shown this once and never again" }),
    url: z.string().openapi({ description: "Open this on the screen: `<origin>/tv/<token>`" }),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("CreatedDisplay");

export const displayListSchema = z
  .object({ items: z.array(displaySchema), nextCursor: z.string().nullable() })
  .openapi("DisplayList");

export const listDisplaysQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(64).optional().openapi({ description: "nextCursor of the previous page" }),
});

export const tokenParamSchema = z.object({
  token: z
    .string()
    .max(256)
    .openapi({ param: { name: "token", in: "path" }, description: "A display token (`dsp_…`)" }),
});

const tokenProblem = problemFor(
  "The token is unknown, malformed or revoked (always the same answer)",
);

export const createDisplayRoute = createRoute({
  method: "post",
  path: "/displays",
  tags,
  summary: "Create a display for a goal (execs and owners); the token is in this response only",
  request: { body: jsonBody(createDisplayBody) },
  responses: {
    201: jsonResponse(createdDisplaySchema, "The display with its link"),
    401: problemResponses[401],
    403: problemResponses[403],
    422: problemResponses[422],
  },
});

export const listDisplaysRoute = createRoute({
  method: "get",
  path: "/displays",
  tags,
  summary:
    "The organization's active displays, newest first, never their tokens (execs and owners)",
  request: { query: listDisplaysQuery },
  responses: {
    200: jsonResponse(displayListSchema, "A page of displays"),
    401: problemResponses[401],
    403: problemResponses[403],
    422: problemResponses[422],
  },
});

export const revokeDisplayRoute = createRoute({
  method: "delete",
  path: "/displays/{id}",
  tags,
  summary:
    "Revoke a display (execs and owners): its link stops working and open screens say so at once",
  request: { params: idParamSchema },
  responses: {
    204: { description: "Revoked (or already revoked)" },
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
  },
});

export const displaySummaryRoute = createRoute({
  method: "get",
  path: "/displays/{token}/summary",
  tags,
  summary: "The display's goal summary with recent wins, read-only, by token (no session)",
  request: { params: tokenParamSchema },
  responses: {
    200: jsonResponse(liveSummarySchema, "The same payload as a `summary` stream event"),
    401: tokenProblem,
  },
});

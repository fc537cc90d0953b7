import { createRoute, z } from "@hono/zod-openapi";
import { apiKeyScopes } from "@tandem/db/schema";
import { idParamSchema, jsonBody, jsonResponse, problemResponses } from "../../lib/schemas";

export const createApiKeyBody = z
  .strictObject({
    name: z.string().trim().min(1).max(100).openapi({ example: "HubSpot sync" }),
    scope: z.enum(apiKeyScopes).default("ingest"),
  })
  .openapi("CreateApiKey");

export const apiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scope: z.enum(apiKeyScopes),
    prefix: z.string().openapi({ description: "The start of the token, to tell keys apart" }),
    createdBy: z.string(),
    createdAt: z.string().openapi({ format: "date-time" }),
    lastUsedAt: z.string().nullable().openapi({ format: "date-time" }),
    revokedAt: z.string().nullable().openapi({ format: "date-time" }),
  })
  .openapi("ApiKey");

export const createdApiKeySchema = apiKeySchema
  .extend({
    token: z.string().openapi({ description: "The secret key, shown this once and never again" }),
  })
  .openapi("CreatedApiKey");

export const apiKeyListSchema = z
  .object({ items: z.array(apiKeySchema), nextCursor: z.string().nullable() })
  .openapi("ApiKeyList");

export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(64).optional(),
});

export const createApiKeyRoute = createRoute({
  method: "post",
  path: "/api-keys",
  tags: ["API keys"],
  summary: "Create an API key for ingest (owners); the secret is in this response only",
  request: { body: jsonBody(createApiKeyBody) },
  responses: {
    201: jsonResponse(createdApiKeySchema, "The new key with its secret token"),
    401: problemResponses[401],
    403: problemResponses[403],
    422: problemResponses[422],
  },
});

export const listApiKeysRoute = createRoute({
  method: "get",
  path: "/api-keys",
  tags: ["API keys"],
  summary: "List the organization's API keys, newest first, never their secrets (owners)",
  request: { query: listQuerySchema },
  responses: {
    200: jsonResponse(apiKeyListSchema, "A page of keys"),
    401: problemResponses[401],
    403: problemResponses[403],
    422: problemResponses[422],
  },
});

export const revokeApiKeyRoute = createRoute({
  method: "delete",
  path: "/api-keys/{id}",
  tags: ["API keys"],
  summary: "Revoke an API key (owners); it stops working at once",
  request: { params: idParamSchema },
  responses: {
    204: { description: "Revoked (or already revoked)" },
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
  },
});

import type { RouteHandler } from "@hono/zod-openapi";
import { createApiKey, listApiKeys, revokeApiKey } from "@tandem/db/queries/api-keys";
import { newApiKeyToken } from "../../lib/api-key-auth";
import type { AppEnv } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import { pageOf } from "../../lib/page";
import type { createApiKeyRoute, listApiKeysRoute, revokeApiKeyRoute } from "./api-keys.routes";

interface KeyRow {
  id: string;
  name: string;
  scope: "ingest";
  prefix: string;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const toJson = (row: KeyRow) => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

export const create: RouteHandler<typeof createApiKeyRoute, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const { orgId, userId } = c.var.tenant;
  const { token, prefix, secretHash } = newApiKeyToken(orgId);
  const row = await createApiKey(
    c.var.database.db,
    orgId,
    { name: body.name, scope: body.scope, prefix, secretHash },
    { kind: "user", id: userId },
  );
  return c.json({ ...toJson(row), token }, 201);
};

export const list: RouteHandler<typeof listApiKeysRoute, AppEnv> = async (c) => {
  const { limit, cursor } = c.req.valid("query");
  const rows = await listApiKeys(c.var.database.db, c.var.tenant.orgId, {
    limit: limit + 1,
    beforeId: cursor,
  });
  return c.json(
    pageOf(rows, limit, toJson, (row) => row.id),
    200,
  );
};

export const revoke: RouteHandler<typeof revokeApiKeyRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const { orgId, userId } = c.var.tenant;
  const result = await revokeApiKey(c.var.database.db, orgId, id, { kind: "user", id: userId });
  if (result === "not_found")
    throw new ApiError("not_found", "No such API key in your organization");
  return c.body(null, 204);
};

import type { RouteHandler } from "@hono/zod-openapi";
import { findPreferences, savePreferences } from "@tandem/db/queries/notifications";
import type { AppEnv } from "../../lib/context";
import type {
  getPreferencesRoute,
  updatePreferencesRoute,
} from "./notification-preferences.routes";

export const get: RouteHandler<typeof getPreferencesRoute, AppEnv> = async (c) => {
  const { database, tenant } = c.var;
  return c.json(await findPreferences(database.db, tenant.orgId, tenant.userId), 200);
};

export const update: RouteHandler<typeof updatePreferencesRoute, AppEnv> = async (c) => {
  const { database, tenant } = c.var;
  const body = c.req.valid("json");
  return c.json(await savePreferences(database.db, tenant.orgId, tenant.userId, body), 200);
};

import { saveOrgOrigin } from "@tandem/db/queries/notifications";
import { createMiddleware } from "hono/factory";
import { publicOrigin } from "./addresses";
import type { AppEnv } from "./context";

/** What this process last saved per organization, so an unchanged origin costs no write. */
const saved = new Map<string, string>();

/**
 * Remembers the address an organization's people open Tandem by (every page load asks for
 * /api/v1/me), for the links of scheduled mail, which has no request to take an origin from.
 * Nothing to do when TANDEM_PUBLIC_URL is set: links use it.
 */
export const rememberOrigin = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.var.addresses.publicUrl || c.res.status !== 200) return;
  const tenant = c.get("tenant");
  if (!tenant) return;
  const origin = publicOrigin(c, c.var.addresses);
  if (saved.get(tenant.orgId) === origin) return;
  await saveOrgOrigin(c.var.database.db, tenant.orgId, origin, new Date());
  saved.set(tenant.orgId, origin);
});

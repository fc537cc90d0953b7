import { randomBytes } from "node:crypto";
import type { RouteHandler } from "@hono/zod-openapi";
import { findMembership } from "@tandem/db/queries/members";
import { forwardAuthCookies } from "../../lib/auth-request";
import type { AppEnv } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import type { createOrganization, setActiveOrganization } from "./organizations.routes";

function slugFor(name: string): string {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40);
  return `${base || "org"}-${randomBytes(3).toString("hex")}`;
}

export const create: RouteHandler<typeof createOrganization, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const { headers, response: created } = await c.var.auth.api.createOrganization({
    headers: c.req.raw.headers,
    returnHeaders: true,
    body: {
      name: body.name,
      slug: slugFor(body.name),
      currency: body.currency,
      timezone: body.timezone,
      fiscalStartMonth: body.fiscalStartMonth,
    },
  });
  if (!created) throw new ApiError("internal_error", "The organization could not be created");
  forwardAuthCookies(c, headers);
  // The library makes it active in the database only; this also renews the session's cached
  // copy in its cookie, which would otherwise say "no organization" for up to a minute.
  const activated = await c.var.auth.api.setActiveOrganization({
    headers: c.req.raw.headers,
    body: { organizationId: created.id },
    returnHeaders: true,
  });
  forwardAuthCookies(c, activated.headers);
  return c.json(
    {
      id: created.id,
      name: created.name,
      slug: created.slug,
      currency: body.currency,
      timezone: body.timezone,
      fiscalStartMonth: body.fiscalStartMonth,
    },
    201,
  );
};

export const setActive: RouteHandler<typeof setActiveOrganization, AppEnv> = async (c) => {
  const { organizationId } = c.req.valid("json");
  const membership = await findMembership(c.var.database.db, organizationId, c.var.session.userId);
  // Another organization's id answers exactly like one that does not exist.
  if (!membership) throw new ApiError("not_found", "No such organization among yours");
  const { headers } = await c.var.auth.api.setActiveOrganization({
    headers: c.req.raw.headers,
    body: { organizationId },
    returnHeaders: true,
  });
  forwardAuthCookies(c, headers);
  return c.json(membership.organization, 200);
};

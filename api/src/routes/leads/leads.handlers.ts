import type { RouteHandler } from "@hono/zod-openapi";
import { addLeadFeedback, leadExists, listLeadFeedback } from "@tandem/db/queries/feedback";
import type { AppEnv } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import { publishChange } from "../../lib/live/publish";
import type { addFeedbackRoute, listFeedbackRoute } from "./leads.routes";

const noSuchLead = () =>
  new ApiError("not_found", "No lead with this externalId in your organization");

const toJson = <T extends { createdAt: Date }>(row: T) => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
});

export const addFeedback: RouteHandler<typeof addFeedbackRoute, AppEnv> = async (c) => {
  const { externalId } = c.req.valid("param");
  const body = c.req.valid("json");
  const { orgId, userId } = c.var.tenant;
  const row = await addLeadFeedback(
    c.var.database.db,
    orgId,
    externalId,
    { verdict: body.verdict, reason: body.reason ?? null, note: body.note },
    { kind: "user", id: userId },
  );
  if (!row) throw noSuchLead();
  await publishChange(c.var.database, { orgId, kind: "feedback" });
  return c.json(toJson(row), 201);
};

export const listFeedback: RouteHandler<typeof listFeedbackRoute, AppEnv> = async (c) => {
  const { externalId } = c.req.valid("param");
  const { limit, cursor } = c.req.valid("query");
  const { orgId } = c.var.tenant;
  const db = c.var.database.db;
  if (!(await leadExists(db, orgId, externalId))) throw noSuchLead();
  const rows = await listLeadFeedback(db, orgId, externalId, {
    limit: limit + 1,
    beforeId: cursor,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return c.json(
    { items: page.map(toJson), nextCursor: rows.length > limit && last ? last.id : null },
    200,
  );
};

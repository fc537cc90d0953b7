import type { RouteHandler } from "@hono/zod-openapi";
import {
  addLeadFeedback,
  addLeadFeedbackBatch,
  deleteLeadFeedback,
  findLeadFeedback,
  leadExists,
  listLeadFeedback,
} from "@tandem/db/queries/feedback";
import type { AppEnv } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import { publishChange } from "../../lib/live/publish";
import { pageOf } from "../../lib/page";
import { assertRole } from "../../lib/tenant";
import type {
  addFeedbackRoute,
  bulkFeedbackRoute,
  deleteFeedbackRoute,
  listFeedbackRoute,
} from "./leads.routes";

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
  return c.json(
    pageOf(rows, limit, toJson, (row) => row.id),
    200,
  );
};

export const bulkFeedback: RouteHandler<typeof bulkFeedbackRoute, AppEnv> = async (c) => {
  const { orgId, userId, role } = c.var.tenant;
  assertRole(role, "member", "give feedback on leads");
  const body = c.req.valid("json");
  const result = await addLeadFeedbackBatch(
    c.var.database.db,
    orgId,
    body.externalIds,
    { verdict: body.verdict, reason: null, note: body.note },
    { kind: "user", id: userId },
  );
  if (result.missing.length > 0) {
    const errors = result.missing.map((id) => ({
      path: `externalIds.${body.externalIds.indexOf(id)}`,
      message: `is not a lead of your organization (${id})`,
    }));
    throw new ApiError(
      "validation_failed",
      `${result.missing.length === 1 ? "One lead is" : `${result.missing.length} leads are`} not in your organization (${result.missing.join(", ")}); nothing was saved`,
      { errors },
    );
  }
  await publishChange(c.var.database, { orgId, kind: "feedback" });
  return c.json({ items: result.rows.map(toJson) }, 201);
};

/** A verdict is its author's word: they, or an owner, may take it back. */
export const deleteFeedback: RouteHandler<typeof deleteFeedbackRoute, AppEnv> = async (c) => {
  const { orgId, userId, role } = c.var.tenant;
  const { id } = c.req.valid("param");
  const db = c.var.database.db;
  const row = await findLeadFeedback(db, orgId, id);
  if (!row) throw new ApiError("not_found", "No such verdict in your organization");
  if (role !== "owner" && row.authorId !== userId) {
    throw new ApiError("forbidden", "Only the verdict's author or an owner can withdraw it");
  }
  if (!(await deleteLeadFeedback(db, orgId, id, { kind: "user", id: userId }))) {
    throw new ApiError("not_found", "No such verdict in your organization");
  }
  await publishChange(c.var.database, { orgId, kind: "feedback" });
  return c.body(null, 204);
};

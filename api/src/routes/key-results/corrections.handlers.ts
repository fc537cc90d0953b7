import type { RouteHandler } from "@hono/zod-openapi";
import { writeAudit } from "@tandem/db/queries/audit";
import {
  type CheckInRow,
  deleteCheckIn,
  findCheckIn,
  findCheckInWithContext,
  type KeyResultChanges,
  updateCheckIn,
} from "@tandem/db/queries/key-results";
import type { Context } from "hono";
import type { AppEnv } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import { publishChange } from "../../lib/live/publish";
import { etag, requireIfMatch } from "../../lib/versioning";
import { checkInView } from "../../summary/key-result-view";
import {
  assertCanWriteFor,
  claimVersion,
  invalid,
  keyResultOrNotFound,
  keyResultViewOf,
} from "./key-result-access";
import { checkInValueErrors, rangeErrors } from "./key-result-rules";
import type {
  deleteCheckInRoute,
  updateCheckInRoute,
  updateKeyResultRoute,
} from "./key-results.routes";

async function checkInOrNotFound(c: Context<AppEnv>, id: string): Promise<CheckInRow> {
  const row = await findCheckIn(c.var.database.db, c.var.tenant.orgId, id);
  if (!row) throw new ApiError("not_found", "No such check-in in your organization");
  return row;
}

/** A check-in is its author's word: only they, or an owner, may change or withdraw it. */
function assertCanCorrect(c: Context<AppEnv>, checkIn: CheckInRow): void {
  const { tenant } = c.var;
  if (tenant.role === "owner" || checkIn.authorId === tenant.userId) return;
  throw new ApiError("forbidden", "Only the check-in's author or an owner can correct it");
}

const actorOf = (c: Context<AppEnv>) => ({ kind: "user" as const, id: c.var.tenant.userId });

export const updateKeyResult: RouteHandler<typeof updateKeyResultRoute, AppEnv> = async (c) => {
  const { tenant, database } = c.var;
  const body = c.req.valid("json");
  const keyResult = await keyResultOrNotFound(c, c.req.valid("param").id);
  assertCanWriteFor(tenant, keyResult.teamId, "edit key results");
  const start = body.start ?? keyResult.startValue;
  const target = body.target ?? keyResult.targetValue;
  if (body.start !== undefined || body.target !== undefined) {
    const errors = rangeErrors(keyResult.unit, start, target);
    if (errors.length > 0) invalid(errors);
  }
  const changes: KeyResultChanges = {
    ...(body.title !== undefined && { title: body.title }),
    ...(body.start !== undefined && { startValue: body.start }),
    ...(body.target !== undefined && { targetValue: body.target }),
    ...(body.cadenceDays !== undefined && { cadenceDays: body.cadenceDays }),
    ...(body.archived !== undefined && {
      archivedAt: body.archived ? (keyResult.archivedAt ?? new Date()) : null,
    }),
  };
  const version = requireIfMatch(c);
  const updated = await database.db.transaction(async (tx) => {
    const row = await claimVersion(tx, tenant.orgId, keyResult, version, changes);
    const action =
      body.archived === true && !keyResult.archivedAt
        ? "key_result.archive"
        : body.archived === false && keyResult.archivedAt
          ? "key_result.restore"
          : "key_result.update";
    await writeAudit(tx, tenant.orgId, actorOf(c), {
      action,
      entity: "key_result",
      entityId: keyResult.id,
      before: keyResult,
      after: row,
    });
    return row;
  });
  await publishChange(database, {
    orgId: tenant.orgId,
    kind: "key_result",
    goalId: keyResult.goalId,
  });
  c.header("ETag", etag(updated.version));
  return c.json(await keyResultViewOf(c, updated), 200);
};

export const updateCheckInHandler: RouteHandler<typeof updateCheckInRoute, AppEnv> = async (c) => {
  const { tenant, database } = c.var;
  const body = c.req.valid("json");
  const checkIn = await checkInOrNotFound(c, c.req.valid("param").id);
  assertCanCorrect(c, checkIn);
  const keyResult = await keyResultOrNotFound(c, checkIn.keyResultId);
  if (body.value !== undefined) {
    if (keyResult.metric) {
      invalid([{ path: "value", message: "must be omitted: the value comes from the funnel" }]);
    }
    const errors = checkInValueErrors(keyResult, body.value, body.confirm === true);
    if (errors.length > 0) invalid(errors);
  }
  const version = requireIfMatch(c);
  const claimed = await database.db.transaction(async (tx) => {
    // The key result's version stands for its check-ins too: its current value is its latest
    // check-in, so a correction changes the key result people see.
    const row = await claimVersion(tx, tenant.orgId, keyResult, version);
    const after = await updateCheckIn(tx, tenant.orgId, checkIn.id, {
      ...(body.value !== undefined && { value: body.value }),
      ...(body.confidence !== undefined && { confidence: body.confidence }),
      ...(body.note !== undefined && { note: body.note }),
    });
    await writeAudit(tx, tenant.orgId, actorOf(c), {
      action: "check_in.update",
      entity: "key_result",
      entityId: keyResult.id,
      before: checkIn,
      after,
    });
    return row;
  });
  await publishChange(database, {
    orgId: tenant.orgId,
    kind: "check_in",
    goalId: keyResult.goalId,
  });
  const view = await findCheckInWithContext(database.db, tenant.orgId, checkIn.id);
  if (!view) throw new ApiError("not_found", "No such check-in in your organization");
  c.header("ETag", etag(claimed.version));
  return c.json({ checkIn: checkInView(view), keyResult: await keyResultViewOf(c, claimed) }, 200);
};

export const deleteCheckInHandler: RouteHandler<typeof deleteCheckInRoute, AppEnv> = async (c) => {
  const { tenant, database } = c.var;
  const checkIn = await checkInOrNotFound(c, c.req.valid("param").id);
  assertCanCorrect(c, checkIn);
  const keyResult = await keyResultOrNotFound(c, checkIn.keyResultId);
  const version = requireIfMatch(c);
  const claimed = await database.db.transaction(async (tx) => {
    const row = await claimVersion(tx, tenant.orgId, keyResult, version);
    await deleteCheckIn(tx, tenant.orgId, checkIn.id);
    await writeAudit(tx, tenant.orgId, actorOf(c), {
      action: "check_in.delete",
      entity: "key_result",
      entityId: keyResult.id,
      before: checkIn,
    });
    return row;
  });
  await publishChange(database, {
    orgId: tenant.orgId,
    kind: "check_in",
    goalId: keyResult.goalId,
  });
  c.header("ETag", etag(claimed.version));
  return c.body(null, 204);
};

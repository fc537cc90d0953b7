import type { RouteHandler } from "@hono/zod-openapi";
import { writeAudit } from "@tandem/db/queries/audit";
import { newId } from "@tandem/db/queries/ids";
import {
  bumpKeyResultVersion,
  findKeyResult,
  insertCheckIn,
  insertKeyResult,
  listArchivedKeyResults,
  listCheckIns,
} from "@tandem/db/queries/key-results";
import { findTeam } from "@tandem/db/queries/teams";
import type { AppEnv } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import { goalOrNotFound } from "../../lib/goal-or-not-found";
import { publishChange } from "../../lib/live/publish";
import { etag, requireIfMatch } from "../../lib/versioning";
import { checkInView } from "../../summary/key-result-view";
import {
  assertCanWriteFor,
  invalid,
  keyResultOrNotFound,
  keyResultViewOf,
  keyResultViews,
} from "./key-result-access";
import { checkInValueErrors, rangeErrors } from "./key-result-rules";
import type {
  createCheckInRoute,
  createKeyResultRoute,
  listArchivedKeyResultsRoute,
  listCheckInsRoute,
  listKeyResultsRoute,
} from "./key-results.routes";

export const list: RouteHandler<typeof listKeyResultsRoute, AppEnv> = async (c) => {
  return c.json({ keyResults: await keyResultViews(c, c.req.valid("param").id) }, 200);
};

export const archived: RouteHandler<typeof listArchivedKeyResultsRoute, AppEnv> = async (c) => {
  const goal = await goalOrNotFound(c, c.req.valid("param").id);
  const rows = await listArchivedKeyResults(c.var.database.db, c.var.tenant.orgId, goal.id);
  const keyResults = rows.flatMap((row) =>
    row.archivedAt ? [{ ...row, archivedAt: row.archivedAt.toISOString() }] : [],
  );
  return c.json({ keyResults }, 200);
};

export const create: RouteHandler<typeof createKeyResultRoute, AppEnv> = async (c) => {
  const { tenant, database } = c.var;
  const body = c.req.valid("json");
  assertCanWriteFor(tenant, body.teamId, "add key results");
  const goal = await goalOrNotFound(c, c.req.valid("param").id);
  const range = rangeErrors(body.unit, body.start, body.target);
  if (range.length > 0) invalid(range);
  const team = await findTeam(database.db, tenant.orgId, body.teamId);
  if (!team) {
    throw new ApiError("validation_failed", "The team does not exist in your organization", {
      errors: [{ path: "teamId", message: "no such team" }],
    });
  }
  const row = await database.db.transaction(async (tx) => {
    const inserted = await insertKeyResult(tx, tenant.orgId, newId("kr"), {
      goalId: goal.id,
      teamId: team.id,
      title: body.title,
      kind: body.kind,
      unit: body.unit,
      startValue: body.start,
      targetValue: body.target,
      metric: body.metric ?? null,
      cadenceDays: body.cadenceDays,
    });
    await writeAudit(
      tx,
      tenant.orgId,
      { kind: "user", id: tenant.userId },
      {
        action: "key_result.create",
        entity: "key_result",
        entityId: inserted.id,
        after: inserted,
      },
    );
    return inserted;
  });
  await publishChange(database, { orgId: tenant.orgId, kind: "key_result", goalId: goal.id });
  c.header("ETag", etag(row.version));
  return c.json(await keyResultViewOf(c, row), 201);
};

export const history: RouteHandler<typeof listCheckInsRoute, AppEnv> = async (c) => {
  const keyResult = await keyResultOrNotFound(c, c.req.valid("param").id);
  const rows = await listCheckIns(c.var.database.db, c.var.tenant.orgId, keyResult.id);
  c.header("ETag", etag(keyResult.version));
  return c.json(
    { keyResult: await keyResultViewOf(c, keyResult), checkIns: rows.map(checkInView) },
    200,
  );
};

export const checkIn: RouteHandler<typeof createCheckInRoute, AppEnv> = async (c) => {
  const { tenant, database } = c.var;
  const body = c.req.valid("json");
  const keyResult = await keyResultOrNotFound(c, c.req.valid("param").id);
  assertCanWriteFor(tenant, keyResult.teamId, "check in on key results");
  if (keyResult.metric && body.value !== undefined) {
    throw new ApiError(
      "validation_failed",
      "This key result is computed from the funnel; check in with confidence and a note only",
      {
        errors: [{ path: "value", message: "must be omitted: the value comes from the funnel" }],
      },
    );
  }
  if (!keyResult.metric && body.value === undefined) {
    throw new ApiError("validation_failed", "A manual key result needs its current value", {
      errors: [{ path: "value", message: "is required for a manual key result" }],
    });
  }
  if (body.value !== undefined) {
    const errors = checkInValueErrors(keyResult, body.value, body.confirm === true);
    if (errors.length > 0) invalid(errors);
  }
  const version = requireIfMatch(c);
  const id = newId("ci");
  const bumped = await database.db.transaction(async (tx) => {
    // Claiming the next version first makes the second of two simultaneous check-ins fail
    // with 412 instead of silently landing on a state its author never saw.
    const claimed = await bumpKeyResultVersion(tx, tenant.orgId, keyResult.id, version);
    if (!claimed) {
      const current = await findKeyResult(tx, tenant.orgId, keyResult.id);
      throw new ApiError(
        "precondition_failed",
        `Someone checked in on "${keyResult.title}" since you loaded it; reload to see their update, then check in again`,
        { headers: current ? { ETag: etag(current.version) } : {} },
      );
    }
    const row = await insertCheckIn(tx, {
      orgId: tenant.orgId,
      id,
      keyResultId: keyResult.id,
      value: body.value ?? null,
      confidence: body.confidence,
      note: body.note,
      authorId: tenant.userId,
    });
    await writeAudit(
      tx,
      tenant.orgId,
      { kind: "user", id: tenant.userId },
      {
        action: "check_in.create",
        entity: "key_result",
        entityId: keyResult.id,
        after: row,
      },
    );
    return claimed;
  });
  await publishChange(database, {
    orgId: tenant.orgId,
    kind: "check_in",
    goalId: keyResult.goalId,
  });
  const rows = await listCheckIns(database.db, tenant.orgId, keyResult.id, 1);
  const created = rows[0];
  if (!created) throw new ApiError("internal_error", "The check-in was not found after saving");
  c.header("ETag", etag(bumped.version));
  return c.json(
    { checkIn: checkInView(created), keyResult: await keyResultViewOf(c, bumped) },
    201,
  );
};

import type { RouteHandler } from "@hono/zod-openapi";
import type { DbOrTx } from "@tandem/db";
import { writeAudit } from "@tandem/db/queries/audit";
import {
  findGoal,
  findOverlappingGoal,
  type GoalRow,
  insertGoal,
  listGoals,
  lockOrganizationGoals,
  type NewGoal,
  updateGoalIfVersion,
} from "@tandem/db/queries/goals";
import { newId } from "@tandem/db/queries/ids";
import { insertKeyResult, listKeyResults } from "@tandem/db/queries/key-results";
import type { Context } from "hono";
import type { AppEnv } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import { goalOrNotFound, noSuchGoal } from "../../lib/goal-or-not-found";
import { publishChange } from "../../lib/live/publish";
import { minorUnitsOrThrow } from "../../lib/money";
import { assertRole } from "../../lib/tenant";
import { etag, requireIfMatch } from "../../lib/versioning";
import { nextName, nextPeriod, periodProblem, wholeMonths } from "./goal-period";
import { goalView } from "./goal-view";
import type {
  createGoalRoute,
  createNextGoalRoute,
  getGoalRoute,
  listGoalsRoute,
  patchGoalRoute,
} from "./goals.routes";

function overlapError(other: { name: string; startsOn: string; endsOn: string }): ApiError {
  return new ApiError(
    "conflict",
    `The period overlaps the goal "${other.name}" (${other.startsOn} to ${other.endsOn}); an organization has one shared goal per period`,
    { errors: [{ path: "startsOn", message: "overlaps another goal's period" }] },
  );
}

export const list: RouteHandler<typeof listGoalsRoute, AppEnv> = async (c) => {
  const rows = await listGoals(c.var.database.db, c.var.tenant.orgId);
  return c.json({ goals: rows.map(goalView) }, 200);
};

export const create: RouteHandler<typeof createGoalRoute, AppEnv> = async (c) => {
  const { tenant, database } = c.var;
  assertRole(tenant.role, "exec", "set goals");
  const body = c.req.valid("json");
  const currency = tenant.organization.currency;
  if (body.currency && body.currency !== currency) {
    throw new ApiError(
      "validation_failed",
      `Goals are in the organization's currency, ${currency}`,
      {
        errors: [{ path: "currency", message: `must be ${currency}, the organization's currency` }],
      },
    );
  }
  const goal: NewGoal = {
    name: body.name,
    startsOn: body.startsOn,
    endsOn: body.endsOn,
    target: minorUnitsOrThrow(body.target, currency, "target"),
    currency,
    planLeads: body.plan.leads ?? null,
    leadToMql: body.plan.leadToMql,
    mqlToSql: body.plan.mqlToSql,
    sqlToWon: body.plan.sqlToWon,
    avgDealSize: minorUnitsOrThrow(body.plan.avgDealSize, currency, "plan.avgDealSize"),
    pacing: body.pacing,
    onTrackThreshold: body.thresholds?.onTrack ?? 1,
    atRiskThreshold: body.thresholds?.atRisk ?? 0.85,
  };
  const row = await insertGoalAudited(c, goal);
  await publishChange(database, { orgId: tenant.orgId, kind: "goal", goalId: row.id });
  c.header("ETag", etag(row.version));
  return c.json(goalView(row), 201);
};

/**
 * Inserts a goal unless another one covers part of its period, audited, in one transaction;
 * `alsoWrite` adds its own writes (the next period's key results) to that transaction.
 */
async function insertGoalAudited(
  c: Context<AppEnv>,
  goal: NewGoal,
  alsoWrite?: (tx: DbOrTx, inserted: GoalRow) => Promise<void>,
) {
  const { tenant, database } = c.var;
  return database.db.transaction(async (tx) => {
    await lockOrganizationGoals(tx, tenant.orgId);
    const overlapping = await findOverlappingGoal(tx, tenant.orgId, goal.startsOn, goal.endsOn);
    if (overlapping) throw overlapError(overlapping);
    const inserted = await insertGoal(tx, tenant.orgId, newId("goal"), goal);
    await writeAudit(
      tx,
      tenant.orgId,
      { kind: "user", id: tenant.userId },
      {
        action: "goal.create",
        entity: "goal",
        entityId: inserted.id,
        after: goalView(inserted),
      },
    );
    await alsoWrite?.(tx, inserted);
    return inserted;
  });
}

/**
 * The key results of `fromGoalId` that are not archived, copied onto `toGoalId`: the same
 * team, title, kind, unit, metric, start, target and cadence, with no check-ins (each period's
 * teams report afresh). Each copy is audited as a key result created.
 */
async function copyKeyResults(
  tx: DbOrTx,
  c: Context<AppEnv>,
  fromGoalId: string,
  toGoalId: string,
): Promise<void> {
  const { orgId, userId } = c.var.tenant;
  for (const { keyResult } of await listKeyResults(tx, orgId, fromGoalId)) {
    const copy = await insertKeyResult(tx, orgId, newId("kr"), {
      goalId: toGoalId,
      teamId: keyResult.teamId,
      title: keyResult.title,
      kind: keyResult.kind,
      unit: keyResult.unit,
      startValue: keyResult.startValue,
      targetValue: keyResult.targetValue,
      metric: keyResult.metric,
      cadenceDays: keyResult.cadenceDays,
    });
    await writeAudit(
      tx,
      orgId,
      { kind: "user", id: userId },
      { action: "key_result.create", entity: "key_result", entityId: copy.id, after: copy },
    );
  }
}

/**
 * The next period's goal: this one's plan, pacing and thresholds over the following period,
 * with its key results copied.
 */
export const createNext: RouteHandler<typeof createNextGoalRoute, AppEnv> = async (c) => {
  const { tenant, database } = c.var;
  assertRole(tenant.role, "exec", "set goals");
  const body = c.req.valid("json");
  const current = await findGoal(database.db, tenant.orgId, c.req.valid("param").id);
  if (!current) throw noSuchGoal();
  const period = nextPeriod(current.startsOn, current.endsOn);
  const row = await insertGoalAudited(
    c,
    {
      name: body.name ?? nextName(current.name, wholeMonths(current.startsOn, current.endsOn)),
      ...period,
      target:
        body.target === undefined
          ? current.target
          : minorUnitsOrThrow(body.target, current.currency, "target"),
      currency: current.currency,
      planLeads: current.planLeads,
      leadToMql: current.leadToMql,
      mqlToSql: current.mqlToSql,
      sqlToWon: current.sqlToWon,
      avgDealSize: current.avgDealSize,
      pacing: current.pacing,
      onTrackThreshold: current.onTrackThreshold,
      atRiskThreshold: current.atRiskThreshold,
    },
    (tx, inserted) => copyKeyResults(tx, c, current.id, inserted.id),
  );
  await publishChange(database, { orgId: tenant.orgId, kind: "goal", goalId: row.id });
  c.header("ETag", etag(row.version));
  return c.json(goalView(row), 201);
};

export const get: RouteHandler<typeof getGoalRoute, AppEnv> = async (c) => {
  const row = await goalOrNotFound(c, c.req.valid("param").id);
  c.header("ETag", etag(row.version));
  return c.json(goalView(row), 200);
};

export const patch: RouteHandler<typeof patchGoalRoute, AppEnv> = async (c) => {
  const { tenant, database } = c.var;
  assertRole(tenant.role, "exec", "change goals");
  const { id } = c.req.valid("param");
  const body = c.req.valid("json");
  const version = requireIfMatch(c);
  const row = await database.db.transaction(async (tx) => {
    await lockOrganizationGoals(tx, tenant.orgId);
    const current = await findGoal(tx, tenant.orgId, id);
    if (!current) throw noSuchGoal();
    if (current.version !== version) {
      throw new ApiError(
        "precondition_failed",
        `Someone changed this goal since you loaded it (you have version ${version}, it is now ${current.version}); reload and apply your change again`,
        { headers: { ETag: etag(current.version) } },
      );
    }
    const currency = current.currency;
    const changes: Partial<NewGoal> = {
      ...(body.name !== undefined && { name: body.name }),
      ...(body.startsOn !== undefined && { startsOn: body.startsOn }),
      ...(body.endsOn !== undefined && { endsOn: body.endsOn }),
      ...(body.target !== undefined && {
        target: minorUnitsOrThrow(body.target, currency, "target"),
      }),
      ...(body.pacing !== undefined && { pacing: body.pacing }),
      ...(body.thresholds && {
        onTrackThreshold: body.thresholds.onTrack,
        atRiskThreshold: body.thresholds.atRisk,
      }),
      ...(body.plan?.leads !== undefined && { planLeads: body.plan.leads }),
      ...(body.plan?.leadToMql !== undefined && { leadToMql: body.plan.leadToMql }),
      ...(body.plan?.mqlToSql !== undefined && { mqlToSql: body.plan.mqlToSql }),
      ...(body.plan?.sqlToWon !== undefined && { sqlToWon: body.plan.sqlToWon }),
      ...(body.plan?.avgDealSize !== undefined && {
        avgDealSize: minorUnitsOrThrow(body.plan.avgDealSize, currency, "plan.avgDealSize"),
      }),
    };
    const startsOn = changes.startsOn ?? current.startsOn;
    const endsOn = changes.endsOn ?? current.endsOn;
    const problem = periodProblem(startsOn, endsOn);
    if (problem) {
      throw new ApiError("validation_failed", `The period's end ${problem}`, {
        errors: [{ path: "endsOn", message: problem }],
      });
    }
    const overlapping = await findOverlappingGoal(tx, tenant.orgId, startsOn, endsOn, id);
    if (overlapping) throw overlapError(overlapping);
    const updated = await updateGoalIfVersion(tx, tenant.orgId, id, version, changes);
    if (!updated)
      throw new ApiError(
        "precondition_failed",
        "Someone changed this goal at the same moment; reload and try again",
      );
    await writeAudit(
      tx,
      tenant.orgId,
      { kind: "user", id: tenant.userId },
      {
        action: "goal.update",
        entity: "goal",
        entityId: id,
        before: goalView(current),
        after: goalView(updated),
      },
    );
    return updated;
  });
  await publishChange(database, { orgId: tenant.orgId, kind: "goal", goalId: row.id });
  c.header("ETag", etag(row.version));
  return c.json(goalView(row), 200);
};

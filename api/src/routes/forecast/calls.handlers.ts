import type { RouteHandler } from "@hono/zod-openapi";
import { writeAudit } from "@tandem/db/queries/audit";
import {
  type ForecastCallWithContext,
  insertForecastCall,
  listForecastCalls,
} from "@tandem/db/queries/forecast-history";
import type { GoalRow } from "@tandem/db/queries/goals";
import { newId } from "@tandem/db/queries/ids";
import { findTeam, listTeams } from "@tandem/db/queries/teams";
import type { Context } from "hono";
import { type CallPart, type CallsView, callParts } from "../../forecast/calls-schema";
import type { AppEnv } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import { goalOrNotFound } from "../../lib/goal-or-not-found";
import { publishChange } from "../../lib/live/publish";
import { toMajorUnits, toMinorUnits, tooManyDecimals } from "../../lib/money";
import { etag, requireIfMatch } from "../../lib/versioning";
import { weekStart } from "../../revenue";
import { todayIn } from "../../summary/org-calendar";
import { assertCanWriteFor } from "../key-results/key-result-access";
import type { createCallRoute, listCallsRoute } from "./calls.routes";

const isPart = (fn: string): fn is CallPart => (callParts as readonly string[]).includes(fn);

function callView(currency: string, { call, team, authorName }: ForecastCallWithContext) {
  return {
    id: call.id,
    teamId: team.id,
    teamName: team.name,
    part: isPart(team.function) ? team.function : ("sales" as const),
    week: call.week,
    commit: toMajorUnits(call.commit, currency),
    bestCase: toMajorUnits(call.bestCase, currency),
    note: call.note,
    authorName,
    createdAt: call.createdAt.toISOString(),
  };
}

export async function callsView(c: Context<AppEnv>, goal: GoalRow): Promise<CallsView> {
  const { database, tenant } = c.var;
  const [teams, rows] = await Promise.all([
    listTeams(database.db, tenant.orgId),
    listForecastCalls(database.db, tenant.orgId, goal.id),
  ]);
  const calls = rows.map((row) => callView(goal.currency, row));
  const callers = teams.flatMap((team) =>
    isPart(team.function)
      ? [
          {
            teamId: team.id,
            teamName: team.name,
            part: team.function,
            version: rows.filter((r) => r.team.id === team.id).length,
            current: calls.find((call) => call.teamId === team.id) ?? null,
          },
        ]
      : [],
  );
  const latest = callers.flatMap((t) => (t.current ? [t.current] : []));
  const sum = (key: "commit" | "bestCase") =>
    toMajorUnits(
      latest.reduce((total, call) => total + (toMinorUnits(call[key], goal.currency) ?? 0), 0),
      goal.currency,
    );
  return {
    goalId: goal.id,
    currency: goal.currency,
    week: weekStart(todayIn(tenant.organization.timezone)),
    teams: callers,
    joint:
      latest.length === 0
        ? null
        : {
            commit: sum("commit"),
            bestCase: sum("bestCase"),
            complete: callParts.every((part) => latest.some((call) => call.part === part)),
          },
    calls,
  };
}

export const list: RouteHandler<typeof listCallsRoute, AppEnv> = async (c) => {
  const goal = await goalOrNotFound(c, c.req.valid("param").id);
  return c.json(await callsView(c, goal), 200);
};

function amountErrors(body: { commit: number; bestCase: number }, currency: string) {
  const errors: { path: string; message: string }[] = [];
  const commit = toMinorUnits(body.commit, currency);
  const bestCase = toMinorUnits(body.bestCase, currency);
  if (commit === null) errors.push(tooManyDecimals("commit", currency));
  if (bestCase === null) errors.push(tooManyDecimals("bestCase", currency));
  if (commit !== null && bestCase !== null && bestCase < commit)
    errors.push({ path: "bestCase", message: "must be at least the commit" });
  return { commit, bestCase, errors };
}

export const create: RouteHandler<typeof createCallRoute, AppEnv> = async (c) => {
  const { tenant, database } = c.var;
  const body = c.req.valid("json");
  const goal = await goalOrNotFound(c, c.req.valid("param").id);
  assertCanWriteFor(tenant, body.teamId, "make forecast calls");
  const team = await findTeam(database.db, tenant.orgId, body.teamId);
  if (!team) {
    throw new ApiError("validation_failed", "The team does not exist in your organization", {
      errors: [{ path: "teamId", message: "no such team" }],
    });
  }
  if (!isPart(team.function)) {
    throw new ApiError(
      "validation_failed",
      `${team.name} has no part of the forecast: only sales and marketing teams make calls`,
      { errors: [{ path: "teamId", message: "must be a sales or marketing team" }] },
    );
  }
  const amounts = amountErrors(body, goal.currency);
  const first = amounts.errors[0];
  if (first || amounts.commit === null || amounts.bestCase === null) {
    throw new ApiError("validation_failed", `The ${first?.path} ${first?.message}`, {
      errors: amounts.errors,
    });
  }
  const today = todayIn(tenant.organization.timezone);
  if (today > goal.endsOn) {
    throw new ApiError("conflict", `${goal.name} ended on ${goal.endsOn}: its calls are closed`);
  }
  const version = requireIfMatch(c);
  const { commit, bestCase } = amounts;
  const landed = await database.db.transaction(async (tx) => {
    const result = await insertForecastCall(
      tx,
      {
        orgId: tenant.orgId,
        id: newId("call"),
        goalId: goal.id,
        teamId: team.id,
        week: weekStart(today),
        commit,
        bestCase,
        note: body.note,
        authorId: tenant.userId,
      },
      version,
    );
    if (!result.row) {
      throw new ApiError(
        "precondition_failed",
        `${team.name} made a call since you loaded them; reload to see it, then call again`,
        { headers: { ETag: etag(result.version) } },
      );
    }
    await writeAudit(
      tx,
      tenant.orgId,
      { kind: "user", id: tenant.userId },
      { action: "forecast_call.create", entity: "goal", entityId: goal.id, after: result.row },
    );
    return result;
  });
  await publishChange(database, { orgId: tenant.orgId, kind: "forecast_call", goalId: goal.id });
  const rows = await listForecastCalls(database.db, tenant.orgId, goal.id, 20);
  const row = rows.find((r) => r.call.id === landed.row.id);
  if (!row) throw new ApiError("internal_error", "The call was not found after saving");
  c.header("ETag", etag(landed.version));
  return c.json(callView(goal.currency, row), 201);
};

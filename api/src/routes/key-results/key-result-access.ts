import type { DbOrTx } from "@tandem/db";
import {
  bumpKeyResultVersion,
  findKeyResult,
  type KeyResultChanges,
  type KeyResultRow,
} from "@tandem/db/queries/key-results";
import type { Context } from "hono";
import type { AppEnv, Tenant } from "../../lib/context";
import { ApiError, type FieldError } from "../../lib/errors";
import { goalOrNotFound } from "../../lib/goal-or-not-found";
import { assertRole } from "../../lib/tenant";
import { etag } from "../../lib/versioning";
import { buildSummary } from "../../summary/build-summary";
import { fieldSentence } from "../../words/field-words";

/** Leads write for their own team; execs and owners for any team. */
export function assertCanWriteFor(tenant: Tenant, teamId: string, action: string): void {
  assertRole(tenant.role, "lead", action);
  if (tenant.role === "lead" && tenant.teamId !== teamId) {
    throw new ApiError("forbidden", `Team leads can ${action} of their own team only`);
  }
}

export async function keyResultOrNotFound(c: Context<AppEnv>, id: string): Promise<KeyResultRow> {
  const keyResult = await findKeyResult(c.var.database.db, c.var.tenant.orgId, id);
  if (!keyResult) throw new ApiError("not_found", "No such key result in your organization");
  return keyResult;
}

/**
 * Key-result views come from the goal's summary, so values and status match the dashboard.
 * `alsoId` names an archived key result to include (its own edit answers with its view).
 */
export async function keyResultViews(c: Context<AppEnv>, goalId: string, alsoId?: string) {
  const goal = await goalOrNotFound(c, goalId);
  const summary = await buildSummary(c.var.database.db, goal, {
    timezone: c.var.tenant.organization.timezone,
    feedSize: 0,
    alsoKeyResultId: alsoId,
  });
  return summary.keyResults;
}

export async function keyResultViewOf(c: Context<AppEnv>, keyResult: KeyResultRow) {
  const views = await keyResultViews(c, keyResult.goalId, keyResult.id);
  const view = views.find((k) => k.id === keyResult.id);
  if (!view) throw new ApiError("not_found", "No such key result in your organization");
  return view;
}

/** 422 with each field's error; the detail repeats the first one as a sentence. */
export function invalid(errors: FieldError[]): never {
  const first = errors[0];
  const detail = first
    ? first.path === "confirm"
      ? `${first.message} (send confirm: true)`
      : fieldSentence(first)
    : "Invalid input";
  throw new ApiError("validation_failed", detail, { errors });
}

/**
 * Claims the key result's next version inside the write's transaction (with any changes to
 * it), so of two writes sent with the same version exactly one lands; the other gets 412 with
 * the current ETag.
 */
export async function claimVersion(
  tx: DbOrTx,
  orgId: string,
  keyResult: KeyResultRow,
  version: number,
  changes: KeyResultChanges = {},
): Promise<KeyResultRow> {
  const claimed = await bumpKeyResultVersion(tx, orgId, keyResult.id, version, changes);
  if (claimed) return claimed;
  const current = await findKeyResult(tx, orgId, keyResult.id);
  throw new ApiError(
    "precondition_failed",
    `Someone changed "${keyResult.title}" since you loaded it; reload to see their update, then try again`,
    { headers: current ? { ETag: etag(current.version) } : {} },
  );
}

import { createHash } from "node:crypto";
import type { RouteHandler } from "@hono/zod-openapi";
import { writeAudit } from "@tandem/db/queries/audit";
import { type DealStage, listDealStages, replaceDealStages } from "@tandem/db/queries/deal-stages";
import type { AppEnv } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import { publishChange } from "../../lib/live/publish";
import type { getDealStagesRoute, putDealStagesRoute } from "./deal-stages.routes";

/**
 * The mapping has no version column (ingest adds stages to it), so its ETag is a digest of its
 * content: any change, by a person or by a new stage arriving, changes it.
 */
function etagOf(stages: readonly DealStage[]): string {
  const digest = createHash("sha256").update(JSON.stringify(stages)).digest("base64url");
  return `"${digest.slice(0, 22)}"`;
}

export const getDealStages: RouteHandler<typeof getDealStagesRoute, AppEnv> = async (c) => {
  const stages = await listDealStages(c.var.database.db, c.var.tenant.orgId);
  c.header("ETag", etagOf(stages));
  return c.json({ stages }, 200);
};

export const putDealStages: RouteHandler<typeof putDealStagesRoute, AppEnv> = async (c) => {
  const { stages } = c.req.valid("json");
  const { orgId, userId } = c.var.tenant;
  const seen = new Map<string, number>();
  const errors = stages.flatMap((s, index) => {
    const first = seen.get(s.name);
    seen.set(s.name, first ?? index);
    return first === undefined
      ? []
      : [{ index, path: `stages.${index}.name`, message: `repeats stage ${first} ("${s.name}")` }];
  });
  if (errors.length > 0) {
    throw new ApiError("validation_failed", "A stage name may appear once", { errors });
  }
  const ifMatch = c.req.header("if-match");
  if (!ifMatch) {
    throw new ApiError(
      "precondition_required",
      "Send If-Match with the ETag of the mapping you read, so nobody's change is overwritten",
    );
  }
  const database = c.var.database;
  const result = await database.db.transaction(async (tx) => {
    const before = await listDealStages(tx, orgId);
    if (etagOf(before) !== ifMatch.trim()) return { stale: true as const };
    const replaced = await replaceDealStages(tx, orgId, stages);
    if (replaced.ok) {
      await writeAudit(
        tx,
        orgId,
        { kind: "user", id: userId },
        {
          action: "update",
          entity: "deal_stages",
          entityId: orgId,
          before,
          after: { stages: replaced.stages, dealsChanged: replaced.dealsChanged },
        },
      );
    }
    return { stale: false as const, replaced };
  });
  if (result.stale) {
    throw new ApiError(
      "precondition_failed",
      "The deal stages changed since you read them (someone edited them, or an import brought a new stage); reload and try again",
    );
  }
  const { replaced } = result;
  if (!replaced.ok) {
    throw new ApiError("validation_failed", "Stored deals use stages the mapping leaves out", {
      errors: replaced.missing.map((m) => ({
        path: "stages",
        message: `"${m.name}" is the stage of ${m.deals} deal${m.deals === 1 ? "" : "s"}; keep it in the mapping`,
      })),
    });
  }
  if (replaced.dealsChanged > 0) await publishChange(database, { orgId, kind: "ingest" });
  c.header("ETag", etagOf(replaced.stages));
  return c.json({ stages: replaced.stages }, 200);
};

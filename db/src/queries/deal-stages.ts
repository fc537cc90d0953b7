import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { dealStages, type dealStatuses, deals } from "../schema/index";
import type { DealFact, ResolvedDealFact } from "./ingest";
import { lockIngest } from "./ingest-sql";
import { rebuildRollups } from "./rollups";

export type DealOutcome = (typeof dealStatuses)[number];

export interface DealStage {
  name: string;
  outcome: DealOutcome;
  order: number;
  /** First seen in an ingest with a guessed outcome nobody has confirmed yet. */
  needsReview: boolean;
}

/** A problem with one record of a batch, as batch validation reports it. */
export interface StageProblem {
  index: number;
  path: string;
  message: string;
}

/** The stages of the CRMs' default pipelines, whose outcome is not a guess. */
const defaultStages: Record<string, DealOutcome> = {
  won: "won",
  closedwon: "won",
  lost: "lost",
  closedlost: "lost",
  open: "open",
  // HubSpot's default sales pipeline (internal names and labels read the same once squashed).
  appointmentscheduled: "open",
  qualifiedtobuy: "open",
  presentationscheduled: "open",
  decisionmakerboughtin: "open",
  contractsent: "open",
  // Salesforce's default opportunity stages.
  prospecting: "open",
  qualification: "open",
  needsanalysis: "open",
  valueproposition: "open",
  iddecisionmakers: "open",
  perceptionanalysis: "open",
  proposalpricequote: "open",
  negotiationreview: "open",
};

/**
 * The outcome a stage name stands for when a CRM sends one nobody has mapped. The default
 * pipelines' stages are known; for custom ones the words closed stages use decide ("Renewed",
 * "Churned", "Disqualified"), and the rest is open since pipelines name open stages freely.
 * A guess is marked for review: it is never the last word on revenue.
 */
export function guessOutcome(stage: string): { outcome: DealOutcome; certain: boolean } {
  const key = stage.toLowerCase().replace(/[^a-z]/g, "");
  const known = defaultStages[key];
  if (known) return { outcome: known, certain: true };
  if (/won|renewed|signed|booked/.test(key) && !/lost/.test(key))
    return { outcome: "won", certain: false };
  if (/lost|churn|disqualified|cancel/.test(key)) return { outcome: "lost", certain: false };
  return { outcome: "open", certain: false };
}

export async function listDealStages(db: DbOrTx, orgId: string): Promise<DealStage[]> {
  return db
    .select({
      name: dealStages.name,
      outcome: dealStages.outcome,
      order: dealStages.position,
      needsReview: dealStages.needsReview,
    })
    .from(dealStages)
    .where(eq(dealStages.orgId, orgId))
    .orderBy(asc(dealStages.position), asc(dealStages.name));
}

export type StageResolution =
  | { ok: true; records: ResolvedDealFact[]; newStages: DealStage[] }
  | { ok: false; errors: StageProblem[] };

/**
 * Gives every deal of a batch its status: a deal with a stage takes the stage's outcome from the
 * organization's mapping. A stage seen for the first time joins the mapping with the status the
 * record sent (the sender said what it means) or else a guess marked for review. A status that
 * contradicts the stage's mapped outcome is an error: one name cannot mean two things.
 * With `write`, the new stages are stored (inside the ingest transaction).
 */
export async function resolveDealStages(
  tx: DbOrTx,
  orgId: string,
  records: readonly DealFact[],
  options: { write: boolean },
): Promise<StageResolution> {
  const names = [
    ...new Set(records.flatMap((r) => (typeof r.stage === "string" ? [r.stage] : []))),
  ];
  const known = new Map<string, DealStage>();
  if (names.length > 0) {
    const rows = await listDealStagesNamed(tx, orgId, names);
    for (const row of rows) known.set(row.name, row);
  }
  let next = names.length > 0 ? await nextPosition(tx, orgId) : 0;
  const newStages: DealStage[] = [];
  const errors: StageProblem[] = [];
  const resolved: ResolvedDealFact[] = [];
  records.forEach((record, index) => {
    const stage = record.stage;
    if (typeof stage !== "string") {
      // Validation lets a deal without a stage through only with a status.
      resolved.push({ ...record, status: record.status ?? "open" });
      return;
    }
    let mapped = known.get(stage);
    if (!mapped) {
      const guess = guessOutcome(stage);
      mapped = {
        name: stage,
        outcome: record.status ?? guess.outcome,
        order: next++,
        needsReview: record.status === undefined && !guess.certain,
      };
      known.set(stage, mapped);
      newStages.push(mapped);
    } else if (record.status !== undefined && record.status !== mapped.outcome) {
      errors.push({
        index,
        path: "status",
        message: `is ${record.status}, but the stage "${stage}" is mapped to ${mapped.outcome}; change the mapping (PUT /api/v1/deal-stages) or leave status out`,
      });
      return;
    }
    if (mapped.outcome === "won" && (record.closedAt === null || record.closedAt === undefined)) {
      errors.push({
        index,
        path: "closedAt",
        message: `is required: the stage "${stage}" is a won stage, and a win needs its close date`,
      });
      return;
    }
    resolved.push({ ...record, status: mapped.outcome });
  });
  if (errors.length > 0) return { ok: false, errors };
  if (options.write && newStages.length > 0) {
    await tx
      .insert(dealStages)
      .values(
        newStages.map((s) => ({
          orgId,
          name: s.name,
          outcome: s.outcome,
          position: s.order,
          needsReview: s.needsReview,
        })),
      )
      .onConflictDoNothing();
  }
  return { ok: true, records: resolved, newStages };
}

function listDealStagesNamed(db: DbOrTx, orgId: string, names: readonly string[]) {
  return db
    .select({
      name: dealStages.name,
      outcome: dealStages.outcome,
      order: dealStages.position,
      needsReview: dealStages.needsReview,
    })
    .from(dealStages)
    .where(and(eq(dealStages.orgId, orgId), inArray(dealStages.name, [...names])));
}

async function nextPosition(db: DbOrTx, orgId: string): Promise<number> {
  const rows = await db
    .select({ top: sql<number>`coalesce(max(${dealStages.position}), 0)`.mapWith(Number) })
    .from(dealStages)
    .where(eq(dealStages.orgId, orgId));
  return (rows[0]?.top ?? 0) + 1;
}

export type StageReplacement =
  | { ok: true; stages: DealStage[]; dealsChanged: number }
  | { ok: false; missing: { name: string; deals: number }[] };

/**
 * Replaces the organization's mapping (every stage confirmed, none left for review) and applies
 * it to the deals already stored, with the rollups rebuilt in the same transaction, so the
 * dashboard never shows a mix of the old and the new mapping. A stage that stored deals still
 * carry cannot be left out: their status would have no source.
 */
export async function replaceDealStages(
  db: DbOrTx,
  orgId: string,
  stages: readonly { name: string; outcome: DealOutcome; order: number }[],
): Promise<StageReplacement> {
  await lockIngest(db, orgId);
  const listed = new Set(stages.map((s) => s.name));
  const used = await db
    .select({ name: sql<string>`${deals.stage}`, deals: sql<number>`count(*)`.mapWith(Number) })
    .from(deals)
    .where(and(eq(deals.orgId, orgId), sql`${deals.stage} is not null`))
    .groupBy(deals.stage);
  const missing = used.filter((u) => !listed.has(u.name));
  if (missing.length > 0) return { ok: false, missing };
  await db.delete(dealStages).where(eq(dealStages.orgId, orgId));
  if (stages.length > 0) {
    await db.insert(dealStages).values(
      stages.map((s) => ({
        orgId,
        name: s.name,
        outcome: s.outcome,
        position: s.order,
        needsReview: false,
      })),
    );
  }
  const changed = await db
    .update(deals)
    .set({ status: sql`s.outcome`, updatedAt: sql`now()` })
    .from(sql`deal_stages s`)
    .where(
      and(
        eq(deals.orgId, orgId),
        sql`s.org_id = ${orgId} and s.name = ${deals.stage} and s.outcome <> ${deals.status}`,
      ),
    )
    .returning({ externalId: deals.externalId });
  if (changed.length > 0) await rebuildRollups(db, orgId);
  return { ok: true, stages: await listDealStages(db, orgId), dealsChanged: changed.length };
}

import { randomBytes } from "node:crypto";
import { and, desc, eq, inArray, lt } from "drizzle-orm";
import type { Db, DbOrTx } from "../client";
import { type feedbackReasons, type feedbackVerdicts, leadFeedback, leads } from "../schema/index";
import { type Actor, writeAudit } from "./audit";

/** Time-ordered ids, so history pages by id in the order feedback was given. */
function newFeedbackId(): string {
  return `fb_${Date.now().toString(36).padStart(9, "0")}${randomBytes(8).toString("hex")}`;
}

export interface NewFeedback {
  verdict: (typeof feedbackVerdicts)[number];
  reason: (typeof feedbackReasons)[number] | null;
  note: string;
}

const columns = {
  id: leadFeedback.id,
  leadExternalId: leadFeedback.leadExternalId,
  verdict: leadFeedback.verdict,
  reason: leadFeedback.reason,
  note: leadFeedback.note,
  authorId: leadFeedback.authorId,
  createdAt: leadFeedback.createdAt,
};

export async function leadExists(db: DbOrTx, orgId: string, externalId: string): Promise<boolean> {
  const rows = await db
    .select({ id: leads.externalId })
    .from(leads)
    .where(and(eq(leads.orgId, orgId), eq(leads.externalId, externalId)))
    .limit(1);
  return rows.length > 0;
}

/**
 * Appends a verdict on a lead (feedback is never edited: the history is the point), with its
 * audit entry. Null when the organization has no such lead.
 */
export async function addLeadFeedback(
  db: Db,
  orgId: string,
  leadExternalId: string,
  feedback: NewFeedback,
  author: Actor,
) {
  return db.transaction(async (tx) => {
    if (!(await leadExists(tx, orgId, leadExternalId))) return null;
    const rows = await tx
      .insert(leadFeedback)
      .values({ orgId, id: newFeedbackId(), leadExternalId, ...feedback, authorId: author.id })
      .returning(columns);
    const row = rows[0];
    if (!row) throw new Error("the feedback was not stored");
    await writeAudit(tx, orgId, author, {
      action: "create",
      entity: "lead_feedback",
      entityId: row.id,
      after: { leadExternalId, verdict: row.verdict, reason: row.reason },
    });
    return row;
  });
}

/** A lead's feedback, newest first, paged by the last id seen. */
export function listLeadFeedback(
  db: DbOrTx,
  orgId: string,
  leadExternalId: string,
  options: { limit: number; beforeId?: string },
) {
  return db
    .select(columns)
    .from(leadFeedback)
    .where(
      and(
        eq(leadFeedback.orgId, orgId),
        eq(leadFeedback.leadExternalId, leadExternalId),
        options.beforeId === undefined ? undefined : lt(leadFeedback.id, options.beforeId),
      ),
    )
    .orderBy(desc(leadFeedback.id))
    .limit(options.limit);
}

/** One verdict of the organization by its id, or undefined. */
export async function findLeadFeedback(db: DbOrTx, orgId: string, id: string) {
  const rows = await db
    .select(columns)
    .from(leadFeedback)
    .where(and(eq(leadFeedback.orgId, orgId), eq(leadFeedback.id, id)))
    .limit(1);
  return rows[0];
}

/**
 * Withdraws a verdict (undo), with its audit entry: the lead's previous verdict counts again,
 * or, with none, the lead awaits a verdict again. False when it was already withdrawn.
 */
export async function deleteLeadFeedback(db: Db, orgId: string, id: string, author: Actor) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .delete(leadFeedback)
      .where(and(eq(leadFeedback.orgId, orgId), eq(leadFeedback.id, id)))
      .returning(columns);
    const row = rows[0];
    if (!row) return false;
    await writeAudit(tx, orgId, author, {
      action: "delete",
      entity: "lead_feedback",
      entityId: row.id,
      before: { leadExternalId: row.leadExternalId, verdict: row.verdict, reason: row.reason },
    });
    return true;
  });
}

/**
 * The same verdict on many leads at once (bulk accept), all or nothing: when any id is not a
 * lead of the organization nothing is written and the missing ids are returned.
 */
export async function addLeadFeedbackBatch(
  db: Db,
  orgId: string,
  leadExternalIds: readonly string[],
  feedback: NewFeedback,
  author: Actor,
) {
  return db.transaction(async (tx) => {
    const found = await tx
      .select({ id: leads.externalId })
      .from(leads)
      .where(and(eq(leads.orgId, orgId), inArray(leads.externalId, [...leadExternalIds])));
    const known = new Set(found.map((r) => r.id));
    const missing = leadExternalIds.filter((id) => !known.has(id));
    if (missing.length > 0) return { missing, rows: [] };
    const rows = await tx
      .insert(leadFeedback)
      .values(
        leadExternalIds.map((leadExternalId) => ({
          orgId,
          id: newFeedbackId(),
          leadExternalId,
          ...feedback,
          authorId: author.id,
        })),
      )
      .returning(columns);
    for (const row of rows) {
      await writeAudit(tx, orgId, author, {
        action: "create",
        entity: "lead_feedback",
        entityId: row.id,
        after: { leadExternalId: row.leadExternalId, verdict: row.verdict, reason: row.reason },
      });
    }
    return { missing, rows };
  });
}

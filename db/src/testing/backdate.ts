import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { checkIns, goals } from "../schema/index";

/**
 * Moves a key result's check-ins to another moment: tests that drive the scheduler's clock
 * days ahead put a check-in where it happens in their story (the API dates it by the real clock).
 */
export async function moveCheckInsTo(db: DbOrTx, orgId: string, keyResultId: string, at: Date) {
  await db
    .update(checkIns)
    .set({ createdAt: at })
    .where(and(eq(checkIns.orgId, orgId), eq(checkIns.keyResultId, keyResultId)));
}

/** Dates the organization's goals' last edit back to `at`, for tests about what is newest. */
export async function backdateGoalEdits(db: DbOrTx, orgId: string, at: Date) {
  await db.update(goals).set({ updatedAt: at }).where(eq(goals.orgId, orgId));
}

import { and, asc, eq, gte, lte, ne, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "../client";
import { goals } from "../schema/index";

export type GoalRow = typeof goals.$inferSelect;
export type NewGoal = Omit<
  typeof goals.$inferInsert,
  "orgId" | "id" | "version" | "createdAt" | "updatedAt"
>;

/**
 * Serialises goal writes of one organization, so two overlapping goals can never both pass
 * the overlap check (a transaction-scoped advisory lock, released at commit).
 */
export async function lockOrganizationGoals(tx: Tx, orgId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`goals:${orgId}`}, 0))`);
}

/** A goal of the organization whose period overlaps [startsOn, endsOn], other than `exceptId`. */
export async function findOverlappingGoal(
  tx: DbOrTx,
  orgId: string,
  startsOn: string,
  endsOn: string,
  exceptId?: string,
): Promise<GoalRow | null> {
  const rows = await tx
    .select()
    .from(goals)
    .where(
      and(
        eq(goals.orgId, orgId),
        lte(goals.startsOn, endsOn),
        gte(goals.endsOn, startsOn),
        exceptId ? ne(goals.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return rows[0] ?? null;
}

export async function insertGoal(
  tx: DbOrTx,
  orgId: string,
  id: string,
  goal: NewGoal,
): Promise<GoalRow> {
  const [row] = await tx
    .insert(goals)
    .values({ ...goal, orgId, id })
    .returning();
  if (!row) throw new Error("insert returned no goal");
  return row;
}

export function listGoals(db: DbOrTx, orgId: string) {
  return db.select().from(goals).where(eq(goals.orgId, orgId)).orderBy(asc(goals.startsOn));
}

export async function findGoal(db: DbOrTx, orgId: string, id: string): Promise<GoalRow | null> {
  const rows = await db
    .select()
    .from(goals)
    .where(and(eq(goals.orgId, orgId), eq(goals.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

/** The goal whose period contains `day`, if any. */
export async function findGoalOn(db: DbOrTx, orgId: string, day: string): Promise<GoalRow | null> {
  const rows = await db
    .select()
    .from(goals)
    .where(and(eq(goals.orgId, orgId), lte(goals.startsOn, day), gte(goals.endsOn, day)))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Writes the change only if the stored version is still `expectedVersion`; null means someone
 * else changed the goal first (the caller answers 412 and nothing is written).
 */
export async function updateGoalIfVersion(
  tx: DbOrTx,
  orgId: string,
  id: string,
  expectedVersion: number,
  changes: Partial<NewGoal>,
): Promise<GoalRow | null> {
  const [row] = await tx
    .update(goals)
    .set({ ...changes, version: sql`${goals.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(goals.orgId, orgId), eq(goals.id, id), eq(goals.version, expectedVersion)))
    .returning();
  return row ?? null;
}

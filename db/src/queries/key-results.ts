import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { checkIns, keyResults, teams, user } from "../schema/index";

export type KeyResultRow = typeof keyResults.$inferSelect;
export type NewKeyResult = Omit<
  typeof keyResults.$inferInsert,
  "orgId" | "id" | "version" | "createdAt" | "updatedAt"
>;
export type CheckInRow = typeof checkIns.$inferSelect;

export async function insertKeyResult(
  tx: DbOrTx,
  orgId: string,
  id: string,
  keyResult: NewKeyResult,
): Promise<KeyResultRow> {
  const [row] = await tx
    .insert(keyResults)
    .values({ ...keyResult, orgId, id })
    .returning();
  if (!row) throw new Error("insert returned no key result");
  return row;
}

export async function findKeyResult(
  db: DbOrTx,
  orgId: string,
  id: string,
): Promise<KeyResultRow | null> {
  const rows = await db
    .select()
    .from(keyResults)
    .where(and(eq(keyResults.orgId, orgId), eq(keyResults.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

/** A goal's key results that are not archived (and `alsoId` if it is), with their owning team. */
export function listKeyResults(db: DbOrTx, orgId: string, goalId: string, alsoId?: string) {
  return db
    .select({
      keyResult: keyResults,
      team: { id: teams.id, name: teams.name, function: teams.function },
    })
    .from(keyResults)
    .innerJoin(teams, and(eq(teams.orgId, keyResults.orgId), eq(teams.id, keyResults.teamId)))
    .where(
      and(
        eq(keyResults.orgId, orgId),
        eq(keyResults.goalId, goalId),
        alsoId === undefined
          ? isNull(keyResults.archivedAt)
          : or(isNull(keyResults.archivedAt), eq(keyResults.id, alsoId)),
      ),
    )
    .orderBy(asc(teams.name), asc(keyResults.createdAt));
}

/** A goal's archived key results, newest archived first, for the screen that restores them. */
export function listArchivedKeyResults(db: DbOrTx, orgId: string, goalId: string) {
  return db
    .select({
      id: keyResults.id,
      title: keyResults.title,
      archivedAt: keyResults.archivedAt,
      version: keyResults.version,
      team: { id: teams.id, name: teams.name },
    })
    .from(keyResults)
    .innerJoin(teams, and(eq(teams.orgId, keyResults.orgId), eq(teams.id, keyResults.teamId)))
    .where(
      and(
        eq(keyResults.orgId, orgId),
        eq(keyResults.goalId, goalId),
        isNotNull(keyResults.archivedAt),
      ),
    )
    .orderBy(desc(keyResults.archivedAt), asc(keyResults.id));
}

/** What an edit of a key result may change; the rest (kind, unit, metric, team) is its identity. */
export type KeyResultChanges = Partial<
  Pick<KeyResultRow, "title" | "startValue" | "targetValue" | "cadenceDays" | "archivedAt">
>;

/**
 * Claims the next version of a key result (applying any changes); null when `expectedVersion` is stale. Done in the
 * check-in's transaction, so of two check-ins sent with the same version exactly one wins.
 */
export async function bumpKeyResultVersion(
  tx: DbOrTx,
  orgId: string,
  id: string,
  expectedVersion: number,
  changes: KeyResultChanges = {},
): Promise<KeyResultRow | null> {
  const [row] = await tx
    .update(keyResults)
    .set({ ...changes, version: sql`${keyResults.version} + 1`, updatedAt: sql`now()` })
    .where(
      and(
        eq(keyResults.orgId, orgId),
        eq(keyResults.id, id),
        eq(keyResults.version, expectedVersion),
      ),
    )
    .returning();
  return row ?? null;
}

export async function insertCheckIn(
  tx: DbOrTx,
  checkIn: typeof checkIns.$inferInsert,
): Promise<CheckInRow> {
  const [row] = await tx.insert(checkIns).values(checkIn).returning();
  if (!row) throw new Error("insert returned no check-in");
  return row;
}

const checkInWithContext = {
  checkIn: checkIns,
  keyResultTitle: keyResults.title,
  team: { id: teams.id, name: teams.name, function: teams.function },
  authorName: user.name,
};

export type CheckInWithContext = {
  checkIn: CheckInRow;
  keyResultTitle: string;
  team: { id: string; name: string; function: string };
  authorName: string | null;
};

function checkInsWithContext(db: DbOrTx) {
  return db
    .select(checkInWithContext)
    .from(checkIns)
    .innerJoin(
      keyResults,
      and(eq(keyResults.orgId, checkIns.orgId), eq(keyResults.id, checkIns.keyResultId)),
    )
    .innerJoin(teams, and(eq(teams.orgId, keyResults.orgId), eq(teams.id, keyResults.teamId)))
    .leftJoin(user, eq(user.id, checkIns.authorId));
}

/** A key result's check-ins, newest first. */
export function listCheckIns(
  db: DbOrTx,
  orgId: string,
  keyResultId: string,
  limit = 200,
): Promise<CheckInWithContext[]> {
  return checkInsWithContext(db)
    .where(and(eq(checkIns.orgId, orgId), eq(checkIns.keyResultId, keyResultId)))
    .orderBy(desc(checkIns.createdAt), desc(checkIns.id))
    .limit(limit);
}

/** Check-ins made before `before`, or all of them: a summary looking back shows what was known. */
const madeBefore = (before: Date | undefined) =>
  before ? lt(checkIns.createdAt, before) : undefined;

/** The latest check-in of each of the given key results (made before `before`, if given). */
export async function latestCheckIns(
  db: DbOrTx,
  orgId: string,
  keyResultIds: string[],
  before?: Date,
): Promise<Map<string, CheckInWithContext>> {
  if (keyResultIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([checkIns.keyResultId], checkInWithContext)
    .from(checkIns)
    .innerJoin(
      keyResults,
      and(eq(keyResults.orgId, checkIns.orgId), eq(keyResults.id, checkIns.keyResultId)),
    )
    .innerJoin(teams, and(eq(teams.orgId, keyResults.orgId), eq(teams.id, keyResults.teamId)))
    .leftJoin(user, eq(user.id, checkIns.authorId))
    .where(
      and(
        eq(checkIns.orgId, orgId),
        inArray(checkIns.keyResultId, keyResultIds),
        madeBefore(before),
      ),
    )
    .orderBy(checkIns.keyResultId, desc(checkIns.createdAt), desc(checkIns.id));
  return new Map(rows.map((r) => [r.checkIn.keyResultId, r]));
}

/** The latest check-ins of a goal's key results (made before `before`, if given), both teams in one feed. */
export function checkInFeed(
  db: DbOrTx,
  orgId: string,
  goalId: string,
  limit: number,
  before?: Date,
): Promise<CheckInWithContext[]> {
  return checkInsWithContext(db)
    .where(
      and(
        eq(checkIns.orgId, orgId),
        eq(keyResults.goalId, goalId),
        isNull(keyResults.archivedAt),
        madeBefore(before),
      ),
    )
    .orderBy(desc(checkIns.createdAt), desc(checkIns.id))
    .limit(limit);
}

export async function findCheckIn(
  db: DbOrTx,
  orgId: string,
  id: string,
): Promise<CheckInRow | null> {
  const rows = await db
    .select()
    .from(checkIns)
    .where(and(eq(checkIns.orgId, orgId), eq(checkIns.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

export async function updateCheckIn(
  tx: DbOrTx,
  orgId: string,
  id: string,
  changes: Partial<Pick<CheckInRow, "value" | "confidence" | "note">>,
): Promise<CheckInRow | null> {
  const [row] = await tx
    .update(checkIns)
    .set(changes)
    .where(and(eq(checkIns.orgId, orgId), eq(checkIns.id, id)))
    .returning();
  return row ?? null;
}

export async function deleteCheckIn(tx: DbOrTx, orgId: string, id: string): Promise<void> {
  await tx.delete(checkIns).where(and(eq(checkIns.orgId, orgId), eq(checkIns.id, id)));
}

/** One check-in with its key result, team and author, as the feed shows it. */
export async function findCheckInWithContext(
  db: DbOrTx,
  orgId: string,
  id: string,
): Promise<CheckInWithContext | null> {
  const rows = await checkInsWithContext(db)
    .where(and(eq(checkIns.orgId, orgId), eq(checkIns.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

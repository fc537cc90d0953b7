import { and, eq, gt, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { signInLimits } from "../schema/index";

export type SignInLimitScope = (typeof signInLimits.$inferSelect)["scope"];

export interface SignInLimitRule {
  /** Attempts allowed in a window; the one that reaches it starts a lock of a full window. */
  max: number;
  windowSeconds: number;
}

export interface SignInReservation {
  /** This attempt's number in the window; above `max` means refused. */
  attempts: number;
  resetsAt: Date;
}

/**
 * Counts an attempt before the password is checked, in one upsert: PostgreSQL serializes
 * concurrent attempts on the row, so N parallel guesses get the numbers 1..N and only `max`
 * of them are ever checked. A finished window starts over at 1.
 */
export async function reserveSignInAttempt(
  db: DbOrTx,
  scope: SignInLimitScope,
  key: string,
  rule: SignInLimitRule,
): Promise<SignInReservation> {
  const window = sql`(${rule.windowSeconds}::int * interval '1 second')`;
  const expired = sql`${signInLimits.resetsAt} <= now()`;
  const rows = await db
    .insert(signInLimits)
    .values({ scope, key, attempts: 1, resetsAt: sql`now() + ${window}` })
    .onConflictDoUpdate({
      target: [signInLimits.scope, signInLimits.key],
      set: {
        // Capped, so a flood of refused attempts cannot overflow the counter.
        attempts: sql`CASE WHEN ${expired} THEN 1 ELSE least(${signInLimits.attempts} + 1, ${rule.max + 1}::int) END`,
        resetsAt: sql`CASE WHEN ${expired} OR ${signInLimits.attempts} + 1 = ${rule.max}::int THEN now() + ${window} ELSE ${signInLimits.resetsAt} END`,
      },
    })
    .returning({ attempts: signInLimits.attempts, resetsAt: signInLimits.resetsAt });
  const row = rows[0];
  if (!row) throw new Error("the sign-in attempt was not counted");
  return row;
}

/** Takes back an attempt that turned out not to be a wrong password. */
export async function returnSignInAttempt(
  db: DbOrTx,
  scope: SignInLimitScope,
  key: string,
): Promise<void> {
  await db
    .update(signInLimits)
    .set({ attempts: sql`greatest(${signInLimits.attempts} - 1, 0)` })
    .where(
      and(
        eq(signInLimits.scope, scope),
        eq(signInLimits.key, key),
        gt(signInLimits.resetsAt, sql`now()`),
      ),
    );
}

/** A right password clears that account's count from that address. */
export async function clearSignInAttempts(
  db: DbOrTx,
  scope: SignInLimitScope,
  key: string,
): Promise<void> {
  await db
    .delete(signInLimits)
    .where(and(eq(signInLimits.scope, scope), eq(signInLimits.key, key)));
}

/** Rows whose window is over count for nothing; dropped so the table stays small. */
export async function deleteExpiredSignInLimits(db: DbOrTx): Promise<void> {
  await db.delete(signInLimits).where(lte(signInLimits.resetsAt, sql`now()`));
}

/** The current count of one row, for tests and support. */
export async function signInAttempts(
  db: DbOrTx,
  scope: SignInLimitScope,
  key: string,
): Promise<number> {
  const rows = await db
    .select({ attempts: signInLimits.attempts })
    .from(signInLimits)
    .where(and(eq(signInLimits.scope, scope), eq(signInLimits.key, key)));
  return rows[0]?.attempts ?? 0;
}

import { sql } from "drizzle-orm";
import type { Database, DbOrTx } from "./client";

/**
 * PostgreSQL's autovacuum thresholds for ANALYZE (`autovacuum_analyze_threshold` and
 * `autovacuum_analyze_scale_factor` at their defaults): a table is re-analyzed once this many
 * of its rows changed since its last ANALYZE.
 */
const ANALYZE_THRESHOLD = 50;
const ANALYZE_SCALE_FACTOR = 0.1;

/**
 * Runs ANALYZE on every table of the public schema whose planner statistics are stale by
 * autovacuum's rule, and returns their names. Without statistics the planner takes a table
 * for a handful of rows and nests loops over it: on the demo company's 20,000 leads the
 * lead-quality query then runs for minutes instead of 70 ms.
 */
export async function analyzeStaleTables(db: DbOrTx): Promise<string[]> {
  // Run on PGlite by the keeper below; pg_stat_force_next_flush needs PostgreSQL 15 or later.
  // A backend publishes its row counts at most once a second, when idle: ask for them now, so
  // the next statement sees every change committed so far.
  await db.execute(sql`select pg_stat_force_next_flush()`);
  const stale = await db
    .select({ table: sql<string>`relname` })
    .from(sql`pg_stat_user_tables`)
    .where(
      sql`schemaname = 'public' and n_mod_since_analyze > ${ANALYZE_THRESHOLD}::float8 + ${ANALYZE_SCALE_FACTOR}::float8 * greatest(n_live_tup, 0)`,
    )
    .orderBy(sql`relname`);
  const tables = stale.map((row) => row.table);
  if (tables.length > 0) {
    await db.execute(
      sql`analyze ${sql.join(
        tables.map((table) => sql.identifier(table)),
        sql`, `,
      )}`,
    );
  }
  return tables;
}

/** ANALYZE of the whole database, after a bulk write such as the demo seed. */
export async function analyzeAllTables(database: Database): Promise<void> {
  // On PGlite, counts still pending in its one backend would land after the ANALYZE and mark
  // every table stale for the keeper. A server has no keeper, and before PostgreSQL 15 no
  // such function either.
  if (database.kind === "pglite") await database.db.execute(sql`select pg_stat_force_next_flush()`);
  await database.db.execute(sql`analyze`);
}

export interface StatisticsKeeper {
  /** Stops the timer and waits for an ANALYZE in flight. */
  stop(): Promise<void>;
}

/**
 * The embedded database (PGlite) runs no autovacuum, so nothing would ever refresh its
 * statistics as data arrives by ingest or import: this does autovacuum's ANALYZE part on a
 * timer. A server database has its own autovacuum and gets nothing from this.
 */
export function keepStatisticsFresh(
  database: Database,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): StatisticsKeeper {
  if (database.kind !== "pglite") return { stop: async () => {} };
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = analyzeStaleTables(database.db).then(
      () => {},
      (error: unknown) => options.onError?.(error),
    );
  };
  const timer = setInterval(tick, options.intervalMs ?? 30_000);
  timer.unref();
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

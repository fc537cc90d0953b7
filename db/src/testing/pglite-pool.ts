import type { PGlite } from "@electric-sql/pglite";

/**
 * Embedded test databases reused within one vitest worker (decision 064). Opening PGlite from
 * the migrated image costs 0.6-1 s of CPU, PostgreSQL starting inside WebAssembly, and a run
 * opened 63; a finished suite's database is emptied instead (rows truncated, the session
 * discarded) and handed to the next suite of the worker, whose files run one after another.
 *
 * A suite only ever holds a lease: once it gives the database back, every call through its
 * lease fails as on a closed database, so work a test left running can never write into the
 * next suite's database. A database whose schema changed, or that its suite closed, is not
 * reused.
 */

const idle: PGlite[] = [];

/** The schema as the migrations left it: relations, columns, defaults, constraints, functions, triggers, roles. */
const schemaFingerprintSql = (() => {
  const userSchema = (column: string) =>
    `${column} not in ('pg_catalog', 'information_schema', 'pg_toast')
       and ${column} not like 'pg_temp%' and ${column} not like 'pg_toast_temp%'`;
  // Each part lists its items sorted by their own text, so that the physical order of the
  // catalog's rows (which truncating a table changes) does not change the fingerprint.
  const part = (items: string) =>
    `(select coalesce(string_agg(item, ',' order by item), '') from (${items}) as items)`;
  const parts = [
    part(`select n.nspname || '.' || c.relname || ':' || c.relkind::text || ':'
                 || c.relpersistence::text || ':' || coalesce(array_to_string(c.reloptions, ','), '') as item
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where ${userSchema("n.nspname")}`),
    part(`select a.attrelid::regclass::text || '.' || a.attname || ':' || a.atttypid::text || ':'
                 || a.attnotnull::text || ':' || a.attisdropped::text as item
            from pg_attribute a join pg_class c on c.oid = a.attrelid
            join pg_namespace n on n.oid = c.relnamespace
           where a.attnum > 0 and ${userSchema("n.nspname")}`),
    part(`select d.adrelid::regclass::text || '.' || d.adnum || ':' || pg_get_expr(d.adbin, d.adrelid) as item
            from pg_attrdef d`),
    part(`select conrelid::regclass::text || '.' || conname || ':' || pg_get_constraintdef(oid) || ':'
                 || convalidated::text as item
            from pg_constraint where connamespace <> 'pg_catalog'::regnamespace`),
    part(`select n.nspname || '.' || p.proname || ':' || md5(p.prosrc) as item
            from pg_proc p join pg_namespace n on n.oid = p.pronamespace
           where n.nspname not in ('pg_catalog', 'information_schema')`),
    part(
      `select tgrelid::regclass::text || '.' || tgname || ':' || tgenabled::text as item from pg_trigger`,
    ),
    part("select rolname::text as item from pg_roles"),
    part(
      "select setrole::text || ':' || array_to_string(setconfig, ',') as item from pg_db_role_setting",
    ),
    part("select extname::text as item from pg_extension"),
  ];
  return `select md5(concat_ws('|', ${parts.join(",\n")})) as fingerprint`;
})();

/** Every table the application writes; the migrations' own journal (schema drizzle) stays. */
const applicationTablesSql = `
  select format('%I.%I', schemaname, tablename) as name from pg_tables
   where schemaname not in ('pg_catalog', 'information_schema', 'drizzle')`;

let pristine: Promise<string> | undefined;

async function fingerprint(pg: PGlite): Promise<string> {
  const { rows } = await pg.query<{ fingerprint: string }>(schemaFingerprintSql);
  return rows[0]?.fingerprint ?? "";
}

export interface Lease {
  /** Stands for the database until it is given back; then each call fails as on a closed one. */
  pglite: PGlite;
  /** Empties the database and keeps it for the worker's next suite, or closes it. */
  giveBack(): Promise<void>;
}

/** A migrated, empty embedded database: one the worker kept, or a new one from `open`. */
export async function leaseEmbedded(open: () => Promise<PGlite>): Promise<Lease> {
  const reused = idle.pop();
  const pg = reused ?? (await open());
  // Taken from the first database of the worker, before any test wrote to it.
  pristine ??= fingerprint(pg);
  await pristine;
  // PGlite's `unlisten(channel)` without its callback keeps the callbacks, so each is recorded.
  const listeners: [channel: string, callback: unknown][] = [];
  let revoked = false;
  const revokedError = () =>
    new Error("This test database was given back to the pool; it is closed");
  const pglite = new Proxy(pg, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (property === "closed") return revoked || target.closed;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (revoked) {
          if (property === "close") return Promise.resolve();
          return Promise.reject(revokedError());
        }
        if (property === "listen" && typeof args[0] === "string")
          listeners.push([args[0], args[1]]);
        return value.apply(target, args);
      };
    },
  });
  return {
    pglite,
    async giveBack() {
      if (revoked) return;
      revoked = true;
      if (pg.closed) return;
      try {
        await empty(pg, listeners);
        if ((await fingerprint(pg)) === (await pristine)) {
          idle.push(pg);
          return;
        }
      } catch {
        // Not reusable; closed below.
      }
      await pg.close();
    },
  };
}

async function empty(pg: PGlite, listeners: [string, unknown][]): Promise<void> {
  for (const [channel, callback] of listeners)
    await pg.unlisten(channel, callback as (payload: string) => void);
  // A transaction a failed test left open ends first; outside one, this is only a warning.
  await pg.exec("rollback");
  await pg.exec("discard all");
  const { rows } = await pg.query<{ name: string }>(applicationTablesSql);
  if (rows.length > 0)
    await pg.exec(`truncate ${rows.map((row) => row.name).join(", ")} restart identity cascade`);
}

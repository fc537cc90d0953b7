import type postgres from "postgres";

/** The table every tenant table is co-located with: the first one distributed, always. */
export const COLOCATION_ANCHOR = "teams";

/**
 * Tables with org_id that are nevertheless copied whole to every node, because they are read
 * before or across organizations, which no single shard can answer, and change rarely
 * (decision 057): memberships are read by person (the organization a new session starts in, the
 * switcher), single sign-on providers by email domain at sign-in.
 */
export const REFERENCE_TENANT_TABLES = new Set(["member", "sso_providers"]);

/**
 * Tables left as plain PostgreSQL tables on the coordinator, outside Citus: sign-in limits are
 * counted per account and address before anyone has an organization, written on every sign-in
 * attempt, never joined, and their upsert reads the clock in DO UPDATE, which Citus refuses on
 * the tables it manages (decision 057). Every API instance talks to the coordinator, so the
 * count stays one count.
 */
export const COORDINATOR_TABLES = new Set(["sign_in_limits"]);

/** What a run changed: empty lists when the database was already distributed. */
export interface DistributeReport {
  reference: string[];
  distributed: string[];
}

type Sql = postgres.Sql | postgres.TransactionSql;

interface TableState {
  name: string;
  /** Sharded by org_id: tables with org_id, except REFERENCE_TENANT_TABLES. */
  tenant: boolean;
  /**
   * Citus's kind for it: 'distributed', 'reference', 'local' (coordinator only), or null. Read
   * from pg_dist_partition, not the citus_tables view: the view measures every table's size over
   * separate connections, which wait for the locks a migration's transaction holds, for ever.
   */
  citus: string | null;
}

export async function hasCitus(sql: Sql): Promise<boolean> {
  const rows = await sql`select 1 from pg_extension where extname = 'citus'`;
  return rows.length > 0;
}

/** True once `distribute` has run: the migrations then go through `migrateCitus`. */
export async function isDistributed(sql: Sql): Promise<boolean> {
  if (!(await hasCitus(sql))) return false;
  const rows = await sql`
    select 1 from pg_dist_partition where logicalrelid = to_regclass(${`public.${COLOCATION_ANCHOR}`})`;
  return rows.length > 0;
}

async function tableStates(sql: Sql): Promise<TableState[]> {
  const rows = await sql<{ name: string; tenant: boolean; citus: string | null }[]>`
    select c.relname as name,
           exists (select 1 from pg_attribute a
                   where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped)
             and not c.relname in ${sql([...REFERENCE_TENANT_TABLES])} as tenant,
           (select case when p.partmethod = 'h' then 'distributed'
                        when p.repmodel = 't' then 'reference' else 'local' end
            from pg_dist_partition p where p.logicalrelid = c.oid) as citus
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    order by c.relname`;
  return rows.map((row) => ({ ...row }));
}

/**
 * Turns a migrated Tandem database on a Citus coordinator into a distributed one: tables without
 * org_id (and memberships) become reference tables (a copy on every node) except
 * COORDINATOR_TABLES, which stay as they are, tables with org_id are
 * sharded by it and co-located with `teams`, so one organization's rows, joins and foreign keys
 * stay on one node.
 * Idempotent: a table already in its place is left alone, and a second run changes nothing.
 *
 * Citus refuses a foreign key between a distributed table and a table that is still local, in
 * either direction, so no order of create_* calls works on the migrated schema (decision 057):
 * the foreign keys touching the tables about to change are dropped, the tables distributed, and
 * the same constraints re-created from their definitions, all in the caller's transaction.
 */
export async function distribute(
  tx: postgres.TransactionSql,
  options: { shardCount?: number } = {},
): Promise<DistributeReport> {
  if (!(await hasCitus(tx))) {
    throw new Error(
      "This database has no Citus extension: run `create extension citus` on the coordinator and add the workers (docs/scaling.md) first.",
    );
  }
  const tables = (await tableStates(tx)).filter((t) => !COORDINATOR_TABLES.has(t.name));
  const reference = tables.filter((t) => !t.tenant && t.citus !== "reference").map((t) => t.name);
  const tenant = tables.filter((t) => t.tenant && t.citus !== "distributed").map((t) => t.name);
  if (tables.every((t) => t.name !== COLOCATION_ANCHOR))
    throw new Error(`No "${COLOCATION_ANCHOR}" table: run the migrations before distributing.`);
  if (reference.length === 0 && tenant.length === 0) return { reference, distributed: tenant };

  // Shard creation and the re-created foreign keys reach reference tables over one connection
  // per node; sequential mode keeps them in this transaction without deadlocking on itself.
  await tx`set local citus.multi_shard_modify_mode to 'sequential'`;
  if (options.shardCount) await tx.unsafe(`set local citus.shard_count to ${options.shardCount}`);

  const changing = [...reference, ...tenant];
  const foreignKeys = await tx<{ table: string; name: string; definition: string }[]>`
    select cl.relname as table, con.conname as name, pg_get_constraintdef(con.oid) as definition
    from pg_constraint con
    join pg_class cl on cl.oid = con.conrelid
    join pg_class target on target.oid = con.confrelid
    join pg_namespace n on n.oid = cl.relnamespace
    where con.contype = 'f' and n.nspname = 'public'
      and (cl.relname in ${tx(changing)} or target.relname in ${tx(changing)})
    order by cl.relname, con.conname`;
  for (const fk of foreignKeys)
    await tx.unsafe(`alter table "${fk.table}" drop constraint "${fk.name}"`);

  // A table Citus already tracks as a coordinator-local one (a migration gave it a foreign key to
  // a reference table) must be turned back into a plain table before it can be sharded.
  for (const name of changing) {
    if (tables.find((t) => t.name === name)?.citus === "local")
      await tx`select undistribute_table(${name})`;
  }
  for (const name of reference) await tx`select create_reference_table(${name})`;
  const anchorDistributed = tables.some(
    (t) => t.name === COLOCATION_ANCHOR && t.citus === "distributed",
  );
  const ordered = anchorDistributed
    ? tenant
    : [COLOCATION_ANCHOR, ...tenant.filter((t) => t !== COLOCATION_ANCHOR)];
  for (const name of ordered) {
    if (name === COLOCATION_ANCHOR) await tx`select create_distributed_table(${name}, 'org_id')`;
    else
      await tx`select create_distributed_table(${name}, 'org_id', colocate_with => ${COLOCATION_ANCHOR})`;
  }
  for (const fk of foreignKeys)
    await tx.unsafe(`alter table "${fk.table}" add constraint "${fk.name}" ${fk.definition}`);
  return { reference, distributed: ordered };
}

import { PGlite } from "@electric-sql/pglite";
import { describe, expect, inject, it } from "vitest";
import { leaseEmbedded } from "./pglite-pool";
import { pgliteImage } from "./pglite-template";

/** Opens a database from the migrated image, counting how often the pool had to. */
function counter() {
  let opened = 0;
  return {
    opened: () => opened,
    open: async () => {
      opened++;
      return new PGlite({ loadDataDir: await pgliteImage(inject("pgliteImage")) });
    },
  };
}

/** An audit entry of organization `orgId` (made if need be); its identity column numbers it. */
async function writeAuditRow(pg: PGlite, orgId: string): Promise<number> {
  await pg.query(
    "insert into organization (id, name, slug) values ($1, $1, $1) on conflict do nothing",
    [orgId],
  );
  const { rows } = await pg.query<{ id: string }>(
    `insert into audit_log (org_id, actor_kind, actor_id, action, entity, entity_id)
     values ($1, 'user', 'u', 'create', 'goal', 'g') returning id`,
    [orgId],
  );
  return Number(rows[0]?.id);
}

describe("the embedded test database pool", () => {
  it("hands a given-back database to the next suite empty, its identities restarted", async () => {
    const { open, opened } = counter();
    const first = await leaseEmbedded(open);
    const before = opened();
    expect(await writeAuditRow(first.pglite, "org_a")).toBe(1);
    expect(await writeAuditRow(first.pglite, "org_a")).toBe(2);
    // A session setting and an open transaction, as a failed test may leave them.
    await first.pglite.exec("set search_path = nowhere; begin");
    await first.giveBack();

    const second = await leaseEmbedded(open);
    expect(opened()).toBe(before);
    const { rows } = await second.pglite.query<{ n: number }>(
      "select (select count(*) from audit_log)::int + (select count(*) from organization)::int as n",
    );
    expect(rows).toEqual([{ n: 0 }]);
    expect(await writeAuditRow(second.pglite, "org_b")).toBe(1);
    await second.giveBack();
  });

  it("closes the lease a suite gave back, so work it left running cannot reach the next suite", async () => {
    const { open } = counter();
    const lease = await leaseEmbedded(open);
    await lease.giveBack();
    expect(lease.pglite.closed).toBe(true);
    await expect(lease.pglite.query("select 1")).rejects.toThrow(/given back/);
    await expect(lease.pglite.close()).resolves.toBeUndefined();
  });

  it("forgets the listeners of a given-back database", async () => {
    const { open } = counter();
    const first = await leaseEmbedded(open);
    const heard: string[] = [];
    await first.pglite.listen("tandem_pool_test", (payload) => heard.push(`old ${payload}`));
    await first.giveBack();

    const second = await leaseEmbedded(open);
    await second.pglite.listen("tandem_pool_test", (payload) => heard.push(`new ${payload}`));
    await second.pglite.query("select pg_notify('tandem_pool_test', 'hello')");
    await expect.poll(() => heard).toEqual(["new hello"]);
    await second.giveBack();
  });

  it("does not reuse a database whose schema changed, nor one its suite closed", async () => {
    const { open } = counter();
    const changed = await leaseEmbedded(open);
    await changed.pglite.exec("create table left_behind (x int)");
    await changed.giveBack();
    const next = await leaseEmbedded(open);
    const { rows } = await next.pglite.query<{ n: number }>(
      "select count(*)::int as n from pg_tables where tablename = 'left_behind'",
    );
    expect(rows).toEqual([{ n: 0 }]);

    await next.pglite.close();
    await next.giveBack();
    const last = await leaseEmbedded(open);
    await expect(last.pglite.query("select 1 as one")).resolves.toMatchObject({
      rows: [{ one: 1 }],
    });
    await last.giveBack();
  });
});

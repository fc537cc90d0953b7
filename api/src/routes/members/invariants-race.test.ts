import { z } from "@hono/zod-openapi";
import { listGoals } from "@tandem/db/queries/goals";
import { countOwners } from "@tandem/db/queries/members";
import { describeEachEngine } from "@tandem/db/testing";
import { expect, it } from "vitest";
import {
  addMember,
  type Caller,
  call,
  createOwner,
  createTestApp,
  readAs,
  type TestApp,
} from "../../testing/test-app";
import { invitationSchema, memberSchema } from "./members.routes";

// Requests fired together through one app share the database's connection pool, so on the
// PostgreSQL server they really run at the same time (PGlite runs them one after another).
const ROUNDS = 5;

const peopleSchema = z.object({
  members: z.array(memberSchema),
  invitations: z.array(invitationSchema),
});

async function memberIdOf(app: TestApp, owner: Caller, userId: string): Promise<string> {
  const people = await readAs(
    await call(app, "GET", "/api/v1/members", { caller: owner }),
    peopleSchema,
  );
  const id = people.members.find((m) => m.userId === userId)?.id;
  if (!id) throw new Error(`no member for ${userId}`);
  return id;
}

async function twoOwners(app: TestApp) {
  const a = await createOwner(app);
  const b = await addMember(app, a, "owner");
  return { a, b, aId: await memberIdOf(app, a, a.userId), bId: await memberIdOf(app, a, b.userId) };
}

describeEachEngine("invariants under concurrent requests", (db) => {
  it("two owners demoting each other at once leave exactly one owner", async () => {
    const { app } = createTestApp(db());
    for (let round = 0; round < ROUNDS; round++) {
      const { a, b, aId, bId } = await twoOwners(app);
      const statuses = await Promise.all([
        call(app, "PATCH", `/api/v1/members/${bId}`, { caller: a, body: { role: "member" } }),
        call(app, "PATCH", `/api/v1/members/${aId}`, { caller: b, body: { role: "member" } }),
      ]).then((rs) => rs.map((r) => r.status).sort());
      expect(statuses[0], `round ${round}: ${statuses}`).toBe(200);
      // The second one is no longer an owner by the time it holds the lock (403), or it is
      // and would remove the last owner (409); either way it changes nothing.
      expect([403, 409]).toContain(statuses[1]);
      expect(await countOwners(db().db, a.orgId)).toBe(1);
    }
  });

  it("two owners removing each other at once leave exactly one owner", async () => {
    const { app } = createTestApp(db());
    for (let round = 0; round < ROUNDS; round++) {
      const { a, b, aId, bId } = await twoOwners(app);
      const statuses = await Promise.all([
        call(app, "DELETE", `/api/v1/members/${bId}`, { caller: a }),
        call(app, "DELETE", `/api/v1/members/${aId}`, { caller: b }),
      ]).then((rs) => rs.map((r) => r.status).sort());
      expect(statuses[0], `round ${round}: ${statuses}`).toBe(204);
      expect(statuses[1]).toBeGreaterThanOrEqual(400);
      expect(await countOwners(db().db, a.orgId)).toBe(1);
    }
  });

  it("two overlapping goals created at once: one is stored, the other is a conflict", async () => {
    const { app } = createTestApp(db());
    const goal = (name: string, startsOn: string, endsOn: string) => ({
      name,
      startsOn,
      endsOn,
      target: 100000,
      plan: { leadToMql: 0.25, mqlToSql: 0.3, sqlToWon: 0.25, avgDealSize: 10000 },
    });
    for (let round = 0; round < ROUNDS; round++) {
      const owner = await createOwner(app);
      const statuses = await Promise.all([
        call(app, "POST", "/api/v1/goals", {
          caller: owner,
          body: goal("Q4", "2026-10-01", "2026-12-31"),
        }),
        call(app, "POST", "/api/v1/goals", {
          caller: owner,
          body: goal("November", "2026-11-01", "2026-11-30"),
        }),
      ]).then((rs) => rs.map((r) => r.status).sort());
      expect(statuses, `round ${round}`).toEqual([201, 409]);
      expect(await listGoals(db().db, owner.orgId)).toHaveLength(1);
    }
  });
});

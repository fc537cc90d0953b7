import { listAudit } from "@tandem/db/queries/audit";
import { listGoals } from "@tandem/db/queries/goals";
import { describeEachEngine } from "@tandem/db/testing";
import { expect, it } from "vitest";
import {
  addMember,
  call,
  createOwner,
  createTestApp,
  readAs,
  readProblem,
} from "../../testing/test-app";
import { goalSchema } from "./goals.routes";

const validGoal = {
  name: "Q4 revenue",
  startsOn: "2026-10-01",
  endsOn: "2026-12-31",
  target: 400000,
  plan: { leadToMql: 0.25, mqlToSql: 0.3, sqlToWon: 0.25, avgDealSize: 10000 },
};

describeEachEngine("goals", (db) => {
  const setup = async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    return { app, owner };
  };

  it("creates a goal deriving planned leads from the target, and reads it back", async () => {
    const { app, owner } = await setup();
    const created = await call(app, "POST", "/api/v1/goals", { caller: owner, body: validGoal });
    expect(created.status).toBe(201);
    expect(created.headers.get("etag")).toBe('"1"');
    const goal = await readAs(created, goalSchema);
    // 400,000 / 10,000 = 40 wins; / 0.25 = 160 SQLs; / 0.3 = 533.3 -> 534 MQLs; / 0.25 -> 2,136 leads
    expect(goal.required).toEqual({ wins: 40, sqls: 160, mqls: 534, leads: 2136 });
    expect(goal.plan.leadsDerived).toBe(true);
    expect(goal.coverage).toBeCloseTo(1, 9);
    expect(goal.target).toBe(400000);
    const read = await readAs(
      await call(app, "GET", `/api/v1/goals/${goal.id}`, { caller: owner }),
      goalSchema,
    );
    expect(read).toEqual(goal);
  });

  it("reports coverage when planned leads fall short", async () => {
    const { app, owner } = await setup();
    const response = await call(app, "POST", "/api/v1/goals", {
      caller: owner,
      body: { ...validGoal, plan: { ...validGoal.plan, leads: 1000 } },
    });
    const goal = await readAs(response, goalSchema);
    // 1000 x .25 x .3 x .25 x 10,000 = 187,500 of 400,000
    expect(goal.coverage).toBeCloseTo(0.46875, 9);
    expect(goal.plan.revenue).toBe(187500);
  });

  it("refuses bad input naming each field, and writes nothing", async () => {
    const { app, owner } = await setup();
    const bad = [
      [{ ...validGoal, target: -5 }, "target"],
      [{ ...validGoal, target: "lots" }, "target"],
      [{ ...validGoal, endsOn: "2026-09-01" }, "endsOn"],
      [{ ...validGoal, startsOn: "2026-02-30" }, "startsOn"],
      [{ ...validGoal, name: "x".repeat(5000) }, "name"],
      [{ ...validGoal, plan: { ...validGoal.plan, leadToMql: 1.5 } }, "plan.leadToMql"],
      [{ ...validGoal, plan: { ...validGoal.plan, avgDealSize: -1 } }, "plan.avgDealSize"],
      [{ ...validGoal, surprise: true }, "surprise"],
      [{ ...validGoal, currency: "EUR" }, "currency"],
      [{ ...validGoal, target: 10.001 }, "target"],
      [{ name: "only a name" }, "startsOn"],
    ] as const;
    for (const [body, path] of bad) {
      const response = await call(app, "POST", "/api/v1/goals", { caller: owner, body });
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      const problem = await readProblem(response);
      expect(problem.code).toBe("validation_failed");
      expect((problem.errors ?? []).map((e) => e.path)).toContain(path);
    }
    expect(await listGoals(db().db, owner.orgId)).toEqual([]);
  });

  it("keeps one goal per period", async () => {
    const { app, owner } = await setup();
    expect(
      (await call(app, "POST", "/api/v1/goals", { caller: owner, body: validGoal })).status,
    ).toBe(201);
    const overlapping = await call(app, "POST", "/api/v1/goals", {
      caller: owner,
      body: { ...validGoal, name: "Overlap", startsOn: "2026-12-01", endsOn: "2027-02-28" },
    });
    expect(overlapping.status).toBe(409);
    expect((await readProblem(overlapping)).detail).toContain("Q4 revenue");
    const next = await call(app, "POST", "/api/v1/goals", {
      caller: owner,
      body: { ...validGoal, name: "Q1", startsOn: "2027-01-01", endsOn: "2027-03-31" },
    });
    expect(next.status).toBe(201);
  });

  it("updates with If-Match, refuses a stale version and changes nothing", async () => {
    const { app, owner } = await setup();
    const goal = await readAs(
      await call(app, "POST", "/api/v1/goals", { caller: owner, body: validGoal }),
      goalSchema,
    );
    const missing = await call(app, "PATCH", `/api/v1/goals/${goal.id}`, {
      caller: owner,
      body: { name: "x" },
    });
    expect(missing.status).toBe(428);
    const first = await call(app, "PATCH", `/api/v1/goals/${goal.id}`, {
      caller: owner,
      body: { target: 500000, plan: { sqlToWon: 0.2 } },
      headers: { "if-match": '"1"' },
    });
    expect(first.status).toBe(200);
    const updated = await readAs(first, goalSchema);
    expect(updated).toMatchObject({
      target: 500000,
      version: 2,
      plan: { sqlToWon: 0.2, leadToMql: 0.25 },
    });
    const stale = await call(app, "PATCH", `/api/v1/goals/${goal.id}`, {
      caller: owner,
      body: { name: "Lost update" },
      headers: { "if-match": '"1"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get("etag")).toBe('"2"');
    const after = await readAs(
      await call(app, "GET", `/api/v1/goals/${goal.id}`, { caller: owner }),
      goalSchema,
    );
    expect(after.name).toBe("Q4 revenue");
    const audit = await listAudit(db().db, owner.orgId, { limit: 10 });
    expect(
      audit
        .filter((a) => a.entityId === goal.id)
        .map((a) => a.action)
        .sort(),
    ).toEqual(["goal.create", "goal.update"]);
  });

  it("lets execs write goals, and nobody below", async () => {
    const { app, owner } = await setup();
    for (const role of ["viewer", "member", "lead"] as const) {
      const person = await addMember(app, owner, role);
      const response = await call(app, "POST", "/api/v1/goals", {
        caller: person,
        body: validGoal,
      });
      expect(response.status, role).toBe(403);
      expect((await call(app, "GET", "/api/v1/goals", { caller: person })).status).toBe(200);
    }
    const exec = await addMember(app, owner, "exec");
    expect(
      (await call(app, "POST", "/api/v1/goals", { caller: exec, body: validGoal })).status,
    ).toBe(201);
  });

  it("hides another organization's goals", async () => {
    const { app, owner } = await setup();
    const goal = await readAs(
      await call(app, "POST", "/api/v1/goals", { caller: owner, body: validGoal }),
      goalSchema,
    );
    const stranger = await createOwner(app, { name: "Other Inc" });
    const listed = await call(app, "GET", "/api/v1/goals", { caller: stranger });
    expect(JSON.stringify(await listed.json())).not.toContain(goal.id);
    for (const [method, path, body] of [
      ["GET", `/api/v1/goals/${goal.id}`, undefined],
      ["PATCH", `/api/v1/goals/${goal.id}`, { name: "mine now" }],
      ["GET", `/api/v1/goals/${goal.id}/summary`, undefined],
      ["GET", `/api/v1/goals/${goal.id}/key-results`, undefined],
      ["POST", `/api/v1/goals/${goal.id}/key-results`, undefined],
    ] as const) {
      const response = await call(app, method, path, {
        caller: stranger,
        body:
          body ??
          (method === "POST"
            ? { title: "x", teamId: "t", kind: "activity", unit: "count", start: 0, target: 1 }
            : undefined),
        headers: { "if-match": '"1"' },
      });
      expect([404, 422], `${method} ${path}`).toContain(response.status);
      if (response.status === 422) throw new Error(`${method} ${path} validated before scoping`);
    }
  });
});

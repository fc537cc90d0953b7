import { z } from "@hono/zod-openapi";
import { describeEachEngine } from "@tandem/db/testing";
import { beforeAll, expect, it } from "vitest";
import { callSchema, callsSchema } from "../../forecast/calls-schema";
import { addCalendarDays } from "../../revenue";
import {
  addMember,
  type Caller,
  call,
  createGoal,
  createOwner,
  createTeam,
  createTestApp,
  readAs,
  readProblem,
  type TestApp,
} from "../../testing/test-app";
import { auditEntrySchema } from "../audit/audit.routes";

const today = new Date().toISOString().slice(0, 10);
/** A period around today, so calls are open (the organizations are in UTC). */
const openPeriod = { startsOn: addCalendarDays(today, -30), endsOn: addCalendarDays(today, 60) };
const plan = { leadToMql: 0.5, mqlToSql: 0.5, sqlToWon: 0.4, avgDealSize: 3000 };
const auditPage = z.object({ entries: z.array(auditEntrySchema) });

describeEachEngine("forecast calls", (db) => {
  let app: TestApp;
  beforeAll(() => {
    app = createTestApp(db()).app;
  });

  async function setup(period = openPeriod) {
    const owner = await createOwner(app);
    const goal = await createGoal(app, owner, {
      name: "This quarter",
      ...period,
      target: 900000,
      plan,
    });
    const sales = await createTeam(app, owner, "Sales", "sales");
    const marketing = await createTeam(app, owner, "Marketing", "marketing");
    const success = await createTeam(app, owner, "Success", "customer_success");
    const salesLead = await addMember(app, owner, "lead", sales);
    const marketingLead = await addMember(app, owner, "lead", marketing);
    return { owner, goal, sales, marketing, success, salesLead, marketingLead };
  }

  const post = (caller: Caller, goalId: string, body: unknown, version: string | null = "0") =>
    call(app, "POST", `/api/v1/goals/${goalId}/calls`, {
      caller,
      body,
      headers: version === null ? {} : { "if-match": `"${version}"` },
    });
  const list = async (caller: Caller, goalId: string) =>
    readAs(await call(app, "GET", `/api/v1/goals/${goalId}/calls`, { caller }), callsSchema);

  it("takes each team's call, sums the joint call, keeps the history and audits", async () => {
    const { owner, goal, sales, marketing, salesLead, marketingLead } = await setup();
    const first = await post(salesLead, goal.id, {
      teamId: sales,
      commit: 400000,
      bestCase: 520000.5,
      note: "Two big renewals slip to next quarter",
    });
    expect(first.status).toBe(201);
    expect(first.headers.get("etag")).toBe('"1"');
    expect(await readAs(first, callSchema)).toMatchObject({
      part: "sales",
      commit: 400000,
      bestCase: 520000.5,
    });

    let view = await list(owner, goal.id);
    expect(view.joint).toEqual({ commit: 400000, bestCase: 520000.5, complete: false });
    expect(view.teams.map((t) => t.part).sort()).toEqual(["marketing", "sales"]);

    const revised = await post(
      salesLead,
      goal.id,
      { teamId: sales, commit: 380000, bestCase: 500000 },
      "1",
    );
    expect(revised.status).toBe(201);
    const ours = await post(marketingLead, goal.id, {
      teamId: marketing,
      commit: 150000,
      bestCase: 260000,
    });
    expect(ours.status).toBe(201);

    view = await list(marketingLead, goal.id);
    expect(view.joint).toEqual({ commit: 530000, bestCase: 760000, complete: true });
    expect(view.teams.find((t) => t.teamId === sales)).toMatchObject({
      version: 2,
      current: { commit: 380000 },
    });
    expect(view.calls.map((c) => c.commit)).toEqual([150000, 380000, 400000]);

    const audit = await readAs(
      await call(app, "GET", "/api/v1/audit", { caller: owner }),
      auditPage,
    );
    expect(audit.entries.filter((e) => e.action === "forecast_call.create")).toHaveLength(3);
  });

  it("refuses bad calls in words with the field, and writes nothing", async () => {
    const { owner, goal, sales, success, salesLead } = await setup();
    const cases: [unknown, string][] = [
      [{ teamId: sales, commit: 500, bestCase: 400 }, "bestCase"],
      [{ teamId: sales, commit: -1, bestCase: 400 }, "commit"],
      [{ teamId: sales, commit: 10.001, bestCase: 400 }, "commit"],
      [{ teamId: success, commit: 1, bestCase: 2 }, "teamId"],
      [{ teamId: "team_nope", commit: 1, bestCase: 2 }, "teamId"],
      [{ teamId: sales, bestCase: 2 }, "commit"],
    ];
    for (const [body, path] of cases) {
      const caller = path === "teamId" ? owner : salesLead;
      const response = await post(caller, goal.id, body);
      expect(response.status).toBe(422);
      const problem = await readProblem(response);
      expect(problem.errors?.map((e) => e.path)).toContain(path);
      expect(problem.detail.length).toBeGreaterThan(10);
    }
    expect((await list(owner, goal.id)).calls).toEqual([]);
  });

  it("lets leads call for their own team only, and never overwrites a call they did not see", async () => {
    const { owner, goal, sales, marketingLead, salesLead } = await setup();
    const member = await addMember(app, owner, "member");
    const body = { teamId: sales, commit: 1000, bestCase: 2000 };
    expect((await post(marketingLead, goal.id, body)).status).toBe(403);
    expect((await post(member, goal.id, body)).status).toBe(403);
    expect((await post(salesLead, goal.id, body, null)).status).toBe(428);

    // Two calls made against the same version, at the same time: one lands, one is told.
    const answers = await Promise.all([
      post(salesLead, goal.id, body),
      post(owner, goal.id, { ...body, commit: 1500 }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 412]);
    const refused = answers.find((a) => a.status === 412);
    expect(refused?.headers.get("etag")).toBe('"1"');
    expect((await list(owner, goal.id)).calls).toHaveLength(1);
  });

  it("closes calls when the period is over", async () => {
    const { goal, sales, salesLead } = await setup({
      startsOn: addCalendarDays(today, -120),
      endsOn: addCalendarDays(today, -30),
    });
    const response = await post(salesLead, goal.id, { teamId: sales, commit: 1, bestCase: 1 });
    expect(response.status).toBe(409);
    expect((await readProblem(response)).code).toBe("conflict");
  });

  it("hides another organization's goal and calls", async () => {
    const { goal, sales, salesLead } = await setup();
    expect((await post(salesLead, goal.id, { teamId: sales, commit: 1, bestCase: 2 })).status).toBe(
      201,
    );
    const stranger = await createOwner(app, { name: "Other Co" });
    const seen = await call(app, "GET", `/api/v1/goals/${goal.id}/calls`, { caller: stranger });
    expect(seen.status).toBe(404);
    const written = await post(stranger, goal.id, { teamId: sales, commit: 1, bestCase: 2 }, "1");
    expect(written.status).toBe(404);
    // The stranger's own goal shows none of them, even naming the other team.
    const own = await createGoal(app, stranger, {
      name: "Theirs",
      ...openPeriod,
      target: 1000,
      plan,
    });
    const across = await post(stranger, own.id, { teamId: sales, commit: 1, bestCase: 2 });
    expect(across.status).toBe(422);
    expect((await list(stranger, own.id)).calls).toEqual([]);
    expect((await call(app, "GET", `/api/v1/goals/${goal.id}/calls`, {})).status).toBe(401);
  });
});

import { describeEachEngine } from "@tandem/db/testing";
import { expect, it } from "vitest";
import { todayIn } from "../../summary/org-calendar";
import { summarySchema } from "../../summary/summary-schema";
import { call, createGoal, createOwner, createTestApp, readAs } from "../../testing/test-app";
import { firstScreenSchema } from "./first-screen.routes";

const plan = { leads: 100, leadToMql: 0.3, mqlToSql: 0.3, sqlToWon: 0.3, avgDealSize: 100 };

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describeEachEngine("first screen", (db) => {
  it("answers nothing but an empty session to a visitor who is not signed in", async () => {
    const { app } = createTestApp(db());
    const response = await call(app, "GET", "/api/v1/first-screen");
    expect(response.status).toBe(200);
    expect(await readAs(response, firstScreenSchema)).toEqual({
      session: null,
      me: null,
      goals: null,
      summary: null,
    });
  });

  it("answers the session, the caller, the goals and the current goal's summary as their own routes do", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    const today = todayIn("UTC");
    const past = await createGoal(app, owner, {
      name: "Past",
      startsOn: addDays(today, -40),
      endsOn: addDays(today, -11),
      target: 1000,
      plan,
    });
    const current = await createGoal(app, owner, {
      name: "Current",
      startsOn: addDays(today, -10),
      endsOn: addDays(today, 10),
      target: 5000,
      plan,
    });
    const first = await readAs(
      await call(app, "GET", "/api/v1/first-screen", { caller: owner }),
      firstScreenSchema,
    );
    const me = await (await call(app, "GET", "/api/v1/me", { caller: owner })).json();
    const goals = (await (await call(app, "GET", "/api/v1/goals", { caller: owner })).json()) as {
      goals: unknown[];
    };
    expect(first.session).toMatchObject({ session: { activeOrganizationId: owner.orgId } });
    expect(first.me).toEqual(me);
    expect(first.goals).toEqual(goals.goals);
    expect(first.summary?.goalId).toBe(current.id);
    expect(first.summary?.asOf).toBeNull();
    const summary = await readAs(
      await call(app, "GET", `/api/v1/goals/${current.id}/summary`, { caller: owner }),
      summarySchema,
    );
    expect(first.summary?.value).toEqual(summary);

    // The goal and day asked for, as the dashboard's ?goal= and ?asOf= say.
    const asked = await readAs(
      await call(app, "GET", `/api/v1/first-screen?goal=${past.id}&asOf=${addDays(today, -20)}`, {
        caller: owner,
      }),
      firstScreenSchema,
    );
    expect(asked.summary?.goalId).toBe(past.id);
    expect(asked.summary?.asOf).toBe(addDays(today, -20));
    expect(asked.summary?.value.asOf).toBe(addDays(today, -20));

    const bad = await call(app, "GET", "/api/v1/first-screen?asOf=yesterday", { caller: owner });
    expect(bad.status).toBe(422);
  });

  it("never shows another organization's goal, even when asked for it by id", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    const other = await createOwner(app);
    const today = todayIn("UTC");
    const theirs = await createGoal(app, other, {
      name: "Theirs",
      startsOn: addDays(today, -5),
      endsOn: addDays(today, 5),
      target: 777,
      plan,
    });
    const first = await readAs(
      await call(app, "GET", `/api/v1/first-screen?goal=${theirs.id}`, { caller: owner }),
      firstScreenSchema,
    );
    expect(first.me?.organization.id).toBe(owner.orgId);
    expect(first.goals).toEqual([]);
    expect(first.summary).toBeNull();
    expect(JSON.stringify(first)).not.toContain(theirs.id);
  });
});

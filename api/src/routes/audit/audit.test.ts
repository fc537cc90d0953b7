import { describeEachEngine } from "@tandem/db/testing";
import { expect, it } from "vitest";
import { keyResultViewSchema } from "../../summary/summary-schema";
import {
  addMember,
  call,
  createGoal,
  createOwner,
  createTeam,
  createTestApp,
  readAs,
} from "../../testing/test-app";
import { listAuditRoute } from "./audit.routes";

const auditSchema = listAuditRoute.responses[200].content["application/json"].schema;

describeEachEngine("the audit log in words", (db) => {
  it("tells who did what in a sentence, and filters by person, kind and day", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    const marketing = await createTeam(app, owner, "Marketing", "marketing");
    const goal = await createGoal(app, owner, {
      name: "This quarter",
      startsOn: "2026-10-01",
      endsOn: "2026-12-31",
      target: 1000000,
      plan: { leadToMql: 0.3, mqlToSql: 0.4, sqlToWon: 0.25, avgDealSize: 20000 },
    });
    const lead = await addMember(app, owner, "lead", marketing);
    const kr = await readAs(
      await call(app, "POST", `/api/v1/goals/${goal.id}/key-results`, {
        caller: lead,
        body: {
          title: "Webinar attendance",
          teamId: marketing,
          kind: "activity",
          unit: "count",
          start: 0,
          target: 1320,
        },
      }),
      keyResultViewSchema,
    );
    const checkedIn = await call(app, "POST", `/api/v1/key-results/${kr.id}/check-ins`, {
      caller: lead,
      headers: { "if-match": `"${kr.version}"` },
      body: { value: 712, confidence: 7 },
    });
    expect(checkedIn.status).toBe(201);
    const me = (await (await call(app, "GET", "/api/v1/me", { caller: lead })).json()) as {
      user: { name: string };
    };
    const read = async (query = "") =>
      readAs(await call(app, "GET", `/api/v1/audit${query}`, { caller: owner }), auditSchema);

    const all = await read();
    const checkIn = all.entries.find((e) => e.kind === "check_in");
    expect(checkIn?.summary).toBe(
      `${me.user.name} (Marketing lead) checked in on Webinar attendance: 712`,
    );
    expect(all.entries.find((e) => e.action === "goal.create")?.summary).toMatch(
      /^.+ \(Owner\) created the goal This quarter$/,
    );
    for (const entry of all.entries) expect(entry.summary).not.toMatch(/user_|kr_|fb_|undefined/);

    const byLead = await read(`?actor=${lead.userId}`);
    expect(byLead.entries.length).toBeGreaterThan(0);
    expect(byLead.entries.every((e) => e.actor.id === lead.userId)).toBe(true);
    expect((await read("?kind=check_in")).entries.map((e) => e.action)).toEqual([
      "check_in.create",
    ]);
    expect((await read("?kind=goal")).entries.map((e) => e.action)).toEqual(["goal.create"]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await read(`?from=${today}&to=${today}`)).entries.length).toBe(all.entries.length);
    expect((await read("?from=2099-01-01")).entries).toEqual([]);
    expect((await read("?to=2000-01-01")).entries).toEqual([]);
    expect(
      (await call(app, "GET", "/api/v1/audit?kind=everything", { caller: owner })).status,
    ).toBe(422);

    expect((await call(app, "GET", "/api/v1/audit", { caller: lead })).status).toBe(403);
    const stranger = await createOwner(app);
    const theirs = await readAs(
      await call(app, "GET", `/api/v1/audit?actor=${lead.userId}`, { caller: stranger }),
      auditSchema,
    );
    expect(theirs.entries).toEqual([]);
  });
});

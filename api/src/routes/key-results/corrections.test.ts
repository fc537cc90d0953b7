import { z } from "@hono/zod-openapi";
import { describeEachEngine } from "@tandem/db/testing";
import { expect, it } from "vitest";
import {
  checkInViewSchema,
  keyResultViewSchema,
  summarySchema,
} from "../../summary/summary-schema";
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
import { archivedKeyResultSchema } from "./key-results.routes";

const checkInResponse = z.object({ checkIn: checkInViewSchema, keyResult: keyResultViewSchema });
const historyResponse = z.object({
  keyResult: keyResultViewSchema,
  checkIns: z.array(checkInViewSchema),
});
const archivedResponse = z.object({ keyResults: z.array(archivedKeyResultSchema) });
const auditResponse = z.object({
  entries: z.array(
    z.object({ action: z.string(), entityId: z.string(), before: z.unknown(), after: z.unknown() }),
  ),
});

const errorPaths = async (response: Response) =>
  ((await readProblem(response)).errors ?? []).map((e) => e.path);

describeEachEngine("corrections of check-ins and key results", (db) => {
  const setup = async () => {
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
    return { app, owner, marketing, goal, lead, kr };
  };

  const checkIn = async (
    app: TestApp,
    caller: Caller,
    krId: string,
    version: number,
    value = 700,
  ) =>
    readAs(
      await call(app, "POST", `/api/v1/key-results/${krId}/check-ins`, {
        caller,
        body: { value, confidence: 7, note: "first count" },
        headers: { "if-match": `"${version}"` },
      }),
      checkInResponse,
    );

  const summaryOf = async (app: TestApp, caller: Caller, goalId: string) =>
    readAs(await call(app, "GET", `/api/v1/goals/${goalId}/summary`, { caller }), summarySchema);

  it("a new key result is not started until its first check-in", async () => {
    const { app, lead, kr } = await setup();
    expect(kr.status).toBe("not_started");
    const { keyResult } = await checkIn(app, lead, kr.id, kr.version);
    expect(keyResult.status).not.toBe("not_started");
  });

  it("corrects a check-in with If-Match: the key result, the feed and the audit follow", async () => {
    const { app, owner, goal, lead, kr } = await setup();
    const first = await checkIn(app, lead, kr.id, kr.version);
    const missing = await call(app, "PATCH", `/api/v1/check-ins/${first.checkIn.id}`, {
      caller: lead,
      body: { value: 712 },
    });
    expect(missing.status).toBe(428);
    const stale = await call(app, "PATCH", `/api/v1/check-ins/${first.checkIn.id}`, {
      caller: lead,
      body: { value: 712 },
      headers: { "if-match": `"${kr.version}"` },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get("etag")).toBe(`"${first.keyResult.version}"`);

    const fixed = await call(app, "PATCH", `/api/v1/check-ins/${first.checkIn.id}`, {
      caller: lead,
      body: { value: 712, note: "recounted" },
      headers: { "if-match": `"${first.keyResult.version}"` },
    });
    expect(fixed.status).toBe(200);
    const body = await readAs(fixed, checkInResponse);
    expect(body.checkIn).toMatchObject({ id: first.checkIn.id, value: 712, note: "recounted" });
    expect(body.keyResult).toMatchObject({ current: 712, version: first.keyResult.version + 1 });
    expect(fixed.headers.get("etag")).toBe(`"${first.keyResult.version + 1}"`);

    const summary = await summaryOf(app, owner, goal.id);
    expect(summary.checkIns.map((ci) => ci.value)).toEqual([712]);
    expect(summary.keyResults.find((k) => k.id === kr.id)?.current).toBe(712);

    const audit = await readAs(
      await call(app, "GET", "/api/v1/audit", { caller: owner }),
      auditResponse,
    );
    const entry = audit.entries.find((e) => e.action === "check_in.update");
    expect(entry).toMatchObject({ entityId: kr.id, before: { value: 700 }, after: { value: 712 } });
  });

  it("deletes a check-in: the key result falls back to the one before, history and audit follow", async () => {
    const { app, owner, goal, lead, kr } = await setup();
    const first = await checkIn(app, lead, kr.id, kr.version, 300);
    const second = await checkIn(app, lead, kr.id, first.keyResult.version, 5);
    const gone = await call(app, "DELETE", `/api/v1/check-ins/${second.checkIn.id}`, {
      caller: lead,
      headers: { "if-match": `"${second.keyResult.version}"` },
    });
    expect(gone.status).toBe(204);
    const history = await readAs(
      await call(app, "GET", `/api/v1/key-results/${kr.id}/check-ins`, { caller: lead }),
      historyResponse,
    );
    expect(history.checkIns.map((ci) => ci.value)).toEqual([300]);
    expect(history.keyResult).toMatchObject({
      current: 300,
      version: second.keyResult.version + 1,
    });
    const summary = await summaryOf(app, owner, goal.id);
    expect(summary.checkIns.map((ci) => ci.id)).toEqual([first.checkIn.id]);
    const again = await call(app, "DELETE", `/api/v1/check-ins/${second.checkIn.id}`, {
      caller: lead,
      headers: { "if-match": `"${history.keyResult.version}"` },
    });
    expect(again.status).toBe(404);
    const audit = await readAs(
      await call(app, "GET", "/api/v1/audit", { caller: owner }),
      auditResponse,
    );
    expect(audit.entries.find((e) => e.action === "check_in.delete")).toMatchObject({
      entityId: kr.id,
      before: { id: second.checkIn.id, value: 5 },
    });
  });

  it("lets only the author or an owner correct a check-in", async () => {
    const { app, owner, marketing, lead, kr } = await setup();
    const first = await checkIn(app, lead, kr.id, kr.version);
    const colleague = await addMember(app, owner, "lead", marketing);
    const exec = await addMember(app, owner, "exec");
    for (const [caller, name] of [
      [colleague, "another lead"],
      [exec, "an exec"],
    ] as const) {
      const response = await call(app, "PATCH", `/api/v1/check-ins/${first.checkIn.id}`, {
        caller,
        body: { confidence: 2 },
        headers: { "if-match": `"${first.keyResult.version}"` },
      });
      expect(response.status, name).toBe(403);
    }
    const byOwner = await call(app, "PATCH", `/api/v1/check-ins/${first.checkIn.id}`, {
      caller: owner,
      body: { confidence: 2 },
      headers: { "if-match": `"${first.keyResult.version}"` },
    });
    expect(byOwner.status).toBe(200);
  });

  it("refuses impossible values in words and asks before keeping one far outside the range", async () => {
    const { app, lead, kr } = await setup();
    for (const [value, path, words] of [
      [-50, "value", "cannot be negative"],
      [812.5, "value", "whole number"],
      [5000, "confirm", "far outside the range from 0 to 1,320"],
    ] as const) {
      const response = await call(app, "POST", `/api/v1/key-results/${kr.id}/check-ins`, {
        caller: lead,
        body: { value, confidence: 5 },
        headers: { "if-match": `"${kr.version}"` },
      });
      expect(response.status, String(value)).toBe(422);
      const problem = await readProblem(response);
      expect(problem.errors?.map((e) => e.path)).toEqual([path]);
      expect(problem.errors?.[0]?.message).toContain(words);
    }
    const confirmed = await call(app, "POST", `/api/v1/key-results/${kr.id}/check-ins`, {
      caller: lead,
      body: { value: 5000, confidence: 5, confirm: true },
      headers: { "if-match": `"${kr.version}"` },
    });
    expect(confirmed.status).toBe(201);
    // A correction is checked the same way.
    const { checkIn: created, keyResult } = await readAs(confirmed, checkInResponse);
    const negative = await call(app, "PATCH", `/api/v1/check-ins/${created.id}`, {
      caller: lead,
      body: { value: -1 },
      headers: { "if-match": `"${keyResult.version}"` },
    });
    expect(await errorPaths(negative)).toEqual(["value"]);
  });

  it("edits, archives and restores a key result, refusing start = target and negative counts", async () => {
    const { app, owner, goal, lead, marketing, kr } = await setup();
    const same = await call(app, "POST", `/api/v1/goals/${goal.id}/key-results`, {
      caller: lead,
      body: {
        title: "Flat",
        teamId: marketing,
        kind: "activity",
        unit: "count",
        start: 5,
        target: 5,
      },
    });
    expect(await errorPaths(same)).toEqual(["target"]);
    const negative = await call(app, "POST", `/api/v1/goals/${goal.id}/key-results`, {
      caller: lead,
      body: {
        title: "Less",
        teamId: marketing,
        kind: "activity",
        unit: "count",
        start: 0,
        target: -10,
      },
    });
    expect(await errorPaths(negative)).toEqual(["target"]);

    const edited = await call(app, "PATCH", `/api/v1/key-results/${kr.id}`, {
      caller: lead,
      body: { title: "Webinar sign-ups", target: 1500 },
      headers: { "if-match": `"${kr.version}"` },
    });
    expect(edited.status).toBe(200);
    const view = await readAs(edited, keyResultViewSchema);
    expect(view).toMatchObject({
      title: "Webinar sign-ups",
      target: 1500,
      version: kr.version + 1,
    });
    const stale = await call(app, "PATCH", `/api/v1/key-results/${kr.id}`, {
      caller: lead,
      body: { title: "Lost" },
      headers: { "if-match": `"${kr.version}"` },
    });
    expect(stale.status).toBe(412);
    const flat = await call(app, "PATCH", `/api/v1/key-results/${kr.id}`, {
      caller: lead,
      body: { start: 1500 },
      headers: { "if-match": `"${view.version}"` },
    });
    expect(await errorPaths(flat)).toEqual(["target"]);

    const archived = await readAs(
      await call(app, "PATCH", `/api/v1/key-results/${kr.id}`, {
        caller: lead,
        body: { archived: true },
        headers: { "if-match": `"${view.version}"` },
      }),
      keyResultViewSchema,
    );
    expect(archived.archived).toBe(true);
    expect((await summaryOf(app, owner, goal.id)).keyResults.map((k) => k.id)).not.toContain(kr.id);
    // The screen lists what is archived, with the version a restore sends.
    const archivedList = async (caller: typeof lead) =>
      call(app, "GET", `/api/v1/goals/${goal.id}/key-results/archived`, { caller });
    const listed = await readAs(await archivedList(lead), archivedResponse);
    expect(listed.keyResults).toEqual([
      expect.objectContaining({ id: kr.id, version: archived.version }),
    ]);
    const stranger = await createOwner(app, { name: "Elsewhere" });
    expect((await archivedList(stranger)).status).toBe(404);
    const restored = await readAs(
      await call(app, "PATCH", `/api/v1/key-results/${kr.id}`, {
        caller: lead,
        body: { archived: false },
        headers: { "if-match": `"${archived.version}"` },
      }),
      keyResultViewSchema,
    );
    expect(restored.archived).toBe(false);
    expect((await readAs(await archivedList(lead), archivedResponse)).keyResults).toEqual([]);
    expect((await summaryOf(app, owner, goal.id)).keyResults.map((k) => k.id)).toContain(kr.id);
    const audit = await readAs(
      await call(app, "GET", "/api/v1/audit", { caller: owner }),
      auditResponse,
    );
    expect(audit.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(["key_result.update", "key_result.archive", "key_result.restore"]),
    );
  });

  it("hides another organization's check-ins and key results", async () => {
    const { app, lead, kr } = await setup();
    const first = await checkIn(app, lead, kr.id, kr.version);
    const stranger = await createOwner(app, { name: "Elsewhere" });
    const version = { "if-match": `"${first.keyResult.version}"` };
    const attempts = [
      call(app, "PATCH", `/api/v1/check-ins/${first.checkIn.id}`, {
        caller: stranger,
        body: { value: 1 },
        headers: version,
      }),
      call(app, "DELETE", `/api/v1/check-ins/${first.checkIn.id}`, {
        caller: stranger,
        headers: version,
      }),
      call(app, "PATCH", `/api/v1/key-results/${kr.id}`, {
        caller: stranger,
        body: { archived: true },
        headers: version,
      }),
    ];
    for (const response of await Promise.all(attempts)) expect(response.status).toBe(404);
    const history = await readAs(
      await call(app, "GET", `/api/v1/key-results/${kr.id}/check-ins`, { caller: lead }),
      historyResponse,
    );
    expect(history.checkIns.map((ci) => ci.value)).toEqual([700]);
    expect(history.keyResult).toMatchObject({ archived: false, version: first.keyResult.version });
  });
});

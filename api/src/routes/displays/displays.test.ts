import { listAudit } from "@tandem/db/queries/audit";
import { rebuildRollups } from "@tandem/db/queries/rollups";
import { deals, leads, touchpoints } from "@tandem/db/schema";
import { backdateGoalEdits, describeEachEngine } from "@tandem/db/testing";
import { expect, it } from "vitest";
import { liveSummarySchema } from "../../lib/live/live-summary-schema";
import {
  addMember,
  call,
  createOwner,
  readAs,
  readProblem,
  TEST_ORIGIN,
} from "../../testing/test-app";
import { goalSchema } from "../goals/goals.routes";
import { createDisplay, createLiveFixture, currentGoal } from "../stream/live-fixtures";
import { createLiveTestApp } from "../stream/live-test-app";
import {
  hashDisplayToken,
  newDisplayToken,
  parseDisplayToken,
  redactDisplayTokens,
} from "./display-token";
import { createdDisplaySchema, displayListSchema } from "./displays.routes";

describeEachEngine("displays", (db) => {
  const setup = async () => {
    const { app, live } = createLiveTestApp(db());
    const fixture = await createLiveFixture(app);
    return { app, live, ...fixture };
  };

  it("creates a display whose token is shown once, lists it without the token, and revokes it", async () => {
    const { app, owner, goalId } = await setup();
    const exec = await addMember(app, owner, "exec");
    const created = await call(app, "POST", "/api/v1/displays", {
      caller: exec,
      body: { name: " Lobby TV ", goalId },
    });
    expect(created.status).toBe(201);
    const display = await readAs(created, createdDisplaySchema);
    expect(display).toMatchObject({ name: "Lobby TV", goalId });
    expect(display.token).toMatch(new RegExp(`^dsp_${owner.orgId}_[A-Za-z0-9_-]{43}$`));
    expect(display.url).toBe(`${TEST_ORIGIN}/tv/${display.token}`);

    const listed = await call(app, "GET", "/api/v1/displays", { caller: owner });
    expect(listed.status).toBe(200);
    const text = await listed.text();
    expect(text).not.toContain(display.token);
    expect(text).not.toContain(hashDisplayToken(display.token));
    const list = displayListSchema.parse(JSON.parse(text));
    expect(list.items).toEqual([
      expect.objectContaining({
        id: display.id,
        name: "Lobby TV",
        goalId,
        goalName: currentGoal.name,
      }),
    ]);

    const summary = await call(app, "GET", `/api/v1/displays/${display.token}/summary`);
    expect(summary.status).toBe(200);
    expect(summary.headers.get("cache-control")).toBe("no-store");
    expect((await readAs(summary, liveSummarySchema)).goal.id).toBe(goalId);

    expect(
      (await call(app, "DELETE", `/api/v1/displays/${display.id}`, { caller: exec })).status,
    ).toBe(204);
    // Revoking twice changes nothing and still answers 204.
    expect(
      (await call(app, "DELETE", `/api/v1/displays/${display.id}`, { caller: exec })).status,
    ).toBe(204);
    const after = await call(app, "GET", `/api/v1/displays/${display.token}/summary`);
    expect(after.status).toBe(401);
    expect((await readProblem(after)).code).toBe("unauthorized");
    const empty = displayListSchema.parse(
      await (await call(app, "GET", "/api/v1/displays", { caller: owner })).json(),
    );
    expect(empty.items).toEqual([]);

    const audit = await listAudit(db().db, owner.orgId, { limit: 20 });
    const entries = audit.filter((e) => e.entity === "display");
    expect(entries.map((e) => e.action)).toEqual(["display.revoke", "display.create"]);
    expect(JSON.stringify(entries)).not.toContain(hashDisplayToken(display.token));
  });

  it("pages the list by cursor, newest first", async () => {
    const { app, owner, goalId } = await setup();
    const ids: string[] = [];
    for (const name of ["One", "Two", "Three"])
      ids.push((await createDisplay(app, owner, goalId, name)).id);
    const first = displayListSchema.parse(
      await (await call(app, "GET", "/api/v1/displays?limit=2", { caller: owner })).json(),
    );
    expect(first.items.map((d) => d.name)).toEqual(["Three", "Two"]);
    expect(first.nextCursor).toBe(ids[1]);
    const second = displayListSchema.parse(
      await (
        await call(app, "GET", `/api/v1/displays?limit=2&cursor=${first.nextCursor}`, {
          caller: owner,
        })
      ).json(),
    );
    expect(second.items.map((d) => d.name)).toEqual(["One"]);
    expect(second.nextCursor).toBeNull();
  });

  it("rejects bad input with field paths", async () => {
    const { app, owner, goalId } = await setup();
    const missing = await call(app, "POST", "/api/v1/displays", {
      caller: owner,
      body: { name: "" },
    });
    expect(missing.status).toBe(422);
    const problem = await readProblem(missing);
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(["goalId", "name"]);
    const extra = await readProblem(
      await call(app, "POST", "/api/v1/displays", {
        caller: owner,
        body: { name: "TV", goalId, token: "mine" },
      }),
    );
    expect(extra.errors?.[0]?.path).toBe("token");
    const noGoal = await call(app, "POST", "/api/v1/displays", {
      caller: owner,
      body: { name: "TV", goalId: "goal_nope" },
    });
    expect(noGoal.status).toBe(422);
    expect((await readProblem(noGoal)).errors).toEqual([
      { path: "goalId", message: "no such goal" },
    ]);
    const badLimit = await call(app, "GET", "/api/v1/displays?limit=0", { caller: owner });
    expect(badLimit.status).toBe(422);
    expect((await readProblem(badLimit)).errors?.[0]?.path).toBe("limit");
  });

  it("lets only execs and owners manage displays, and hides other organizations' ones", async () => {
    const { app, owner, goalId } = await setup();
    const display = await createDisplay(app, owner, goalId);
    for (const role of ["viewer", "member", "lead"] as const) {
      const person = await addMember(app, owner, role);
      const create = await call(app, "POST", "/api/v1/displays", {
        caller: person,
        body: { name: "TV", goalId },
      });
      expect(create.status).toBe(403);
      expect((await readProblem(create)).code).toBe("forbidden");
      expect((await call(app, "GET", "/api/v1/displays", { caller: person })).status).toBe(403);
      expect(
        (await call(app, "DELETE", `/api/v1/displays/${display.id}`, { caller: person })).status,
      ).toBe(403);
    }
    expect((await call(app, "GET", "/api/v1/displays")).status).toBe(401);

    const stranger = await createOwner(app);
    const theirs = await call(app, "DELETE", `/api/v1/displays/${display.id}`, {
      caller: stranger,
    });
    expect(theirs.status).toBe(404);
    const listed = displayListSchema.parse(
      await (await call(app, "GET", "/api/v1/displays", { caller: stranger })).json(),
    );
    expect(listed.items).toEqual([]);
    // Another organization's goal id is "no such goal", not a way in.
    const foreignGoal = await call(app, "POST", "/api/v1/displays", {
      caller: stranger,
      body: { name: "TV", goalId },
    });
    expect(foreignGoal.status).toBe(422);
    // The display still works: the stranger changed nothing.
    expect((await call(app, "GET", `/api/v1/displays/${display.token}/summary`)).status).toBe(200);
  });

  it("gives a token its one goal's summary and nothing else", async () => {
    const { app, owner, goalId } = await setup();
    const display = await createDisplay(app, owner, goalId);
    const other = await readAs(
      await call(app, "POST", "/api/v1/goals", {
        caller: owner,
        body: { ...currentGoal, name: "Next year", startsOn: "2030-01-01", endsOn: "2030-12-31" },
      }),
      goalSchema,
    );
    const summary = await readAs(
      await call(app, "GET", `/api/v1/displays/${display.token}/summary`),
      liveSummarySchema,
    );
    expect(summary.goal.id).toBe(goalId);
    // The token is not a session: member routes, including the other goal, stay closed.
    const bearer = { authorization: `Bearer ${display.token}` };
    for (const path of [
      `/api/v1/goals/${other.id}/summary`,
      `/api/v1/goals/${goalId}/summary`,
      "/api/v1/me",
      "/api/v1/displays",
    ]) {
      expect((await call(app, "GET", path, { headers: bearer })).status).toBe(401);
    }
    expect(
      (await call(app, "GET", `/api/v1/goals/${other.id}/stream`, { headers: bearer })).status,
    ).toBe(401);

    // Tampered tokens: another org's id with this secret, a changed secret, garbage.
    const stranger = await createOwner(app);
    const secret = display.token.slice(-43);
    const forged = [
      `dsp_${stranger.orgId}_${secret}`,
      `${display.token.slice(0, -1)}${display.token.endsWith("A") ? "B" : "A"}`,
      newDisplayToken(owner.orgId),
      "dsp_",
      "not-a-token",
    ];
    for (const token of forged) {
      const response = await call(
        app,
        "GET",
        `/api/v1/displays/${encodeURIComponent(token)}/summary`,
      );
      expect(response.status).toBe(401);
      expect((await readProblem(response)).detail).toBe(
        "This display link is not valid: it was revoked or never existed",
      );
      expect(
        (await call(app, "GET", `/api/v1/displays/${encodeURIComponent(token)}/stream`)).status,
      ).toBe(401);
    }
  });

  it("credits each recent win to its closing rep and its lead's first marketing touch", async () => {
    const { app, owner, goalId } = await setup();
    const display = await createDisplay(app, owner, goalId);
    const { orgId } = owner;
    const now = Date.now();
    const hoursAgo = (h: number) => new Date(now - h * 3_600_000);
    const wonAt = hoursAgo(2);
    await db()
      .db.insert(leads)
      .values([
        { orgId, externalId: "L1", createdAt: hoursAgo(300), source: "webinar" },
        { orgId, externalId: "L2", createdAt: hoursAgo(300), source: "paid_search" },
      ]);
    await db()
      .db.insert(touchpoints)
      .values([
        {
          orgId,
          externalId: "T2",
          leadExternalId: "L1",
          channel: "email",
          occurredAt: hoursAgo(200),
        },
        {
          orgId,
          externalId: "T1",
          leadExternalId: "L1",
          channel: "webinar",
          campaign: "Spring summit",
          occurredAt: hoursAgo(290),
        },
      ]);
    await db()
      .db.insert(deals)
      .values([
        {
          orgId,
          externalId: "D1",
          leadExternalId: "L1",
          amount: 1_250_050,
          status: "won",
          createdAt: hoursAgo(100),
          closedAt: wonAt,
          owner: "Dana Rep",
        },
        {
          orgId,
          externalId: "D2",
          leadExternalId: "L2",
          amount: 500_000,
          status: "won",
          createdAt: hoursAgo(100),
          closedAt: hoursAgo(5),
          owner: null,
        },
        {
          orgId,
          externalId: "D3",
          leadExternalId: "L2",
          amount: 900_000,
          status: "lost",
          createdAt: hoursAgo(100),
          closedAt: hoursAgo(1),
        },
        {
          orgId,
          externalId: "OLD",
          leadExternalId: "L2",
          amount: 900_000,
          status: "won",
          createdAt: hoursAgo(5000),
          closedAt: hoursAgo(4000),
        },
      ]);
    await rebuildRollups(db().db, orgId);
    // The organization's goals were last edited long ago: the latest win is the newest thing in
    // the numbers.
    await backdateGoalEdits(db().db, orgId, hoursAgo(400));
    const summary = await readAs(
      await call(app, "GET", `/api/v1/displays/${display.token}/summary`),
      liveSummarySchema,
    );
    expect(summary.updatedAt).toBe(wonAt.toISOString());
    expect(summary.recentWins).toEqual([
      {
        dealId: "D1",
        amount: 12500.5,
        closedAt: wonAt.toISOString(),
        owner: "Dana Rep",
        leadSource: "webinar",
        firstTouch: { channel: "webinar", campaign: "Spring summit" },
      },
      {
        dealId: "D2",
        amount: 5000,
        closedAt: expect.any(String),
        owner: null,
        leadSource: "paid_search",
        firstTouch: null,
      },
    ]);
    expect(summary.actual).toBe(17500.5);
  });

  it("keeps tokens out of request logs", () => {
    const token = newDisplayToken("org123");
    expect(parseDisplayToken(token)).toEqual({ orgId: "org123" });
    expect(redactDisplayTokens(`/tv/${token}`)).toBe("/tv/dsp_[redacted]");
    expect(redactDisplayTokens(`/api/v1/displays/${token}/stream`)).toBe(
      "/api/v1/displays/dsp_[redacted]/stream",
    );
  });
});

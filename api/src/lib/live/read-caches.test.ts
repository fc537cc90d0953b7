import { z } from "@hono/zod-openapi";
import { updateGoalIfVersion } from "@tandem/db/queries/goals";
import { describeEachEngine } from "@tandem/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberSchema } from "../../routes/members/members.routes";
import { createLiveTestApp } from "../../routes/stream/live-test-app";
import { summarySchema } from "../../summary/summary-schema";
import {
  addMember,
  type Caller,
  call,
  createGoal,
  createOwner,
  createTeam,
  readAs,
  type TestApp,
} from "../../testing/test-app";
import { createReadCache } from "./read-cache";

describe("read cache", () => {
  it("computes once for concurrent readers and keeps the answer until a notice", async () => {
    const cache = createReadCache<number>();
    let computed = 0;
    const compute = async () => ({ value: ++computed, expiresAt: Date.now() + 60_000 });
    const answers = await Promise.all([1, 2, 3].map(() => cache.get("org", "g", "k", compute)));
    expect(answers).toEqual([1, 1, 1]);
    expect(await cache.get("org", "g", "k", compute)).toBe(1);
    cache.invalidate("other-org");
    expect(await cache.get("org", "g", "k", compute)).toBe(1);
    cache.invalidate("org", "another-goal");
    expect(await cache.get("org", "g", "k", compute)).toBe(1);
    cache.invalidate("org", "g");
    expect(await cache.get("org", "g", "k", compute)).toBe(2);
  });

  it("never keeps an answer computed while a notice for its organization arrived", async () => {
    const cache = createReadCache<string>();
    let release: (() => void) | undefined;
    const slow = cache.get("org", null, "k", async () => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return { value: "before the change", expiresAt: Date.now() + 60_000 };
    });
    await expect.poll(() => release).toBeDefined();
    cache.invalidate("org");
    release?.();
    // Who asked before the change gets the answer of before; nobody after it.
    expect(await slow).toBe("before the change");
    const fresh = async () => ({ value: "after", expiresAt: Date.now() + 60_000 });
    expect(await cache.get("org", null, "k", fresh)).toBe("after");
    const mark = cache.mark("org");
    cache.invalidate("org");
    cache.put("org", null, "k", { value: "stale", expiresAt: Date.now() + 60_000, mark });
    expect(await cache.get("org", null, "k", async () => ({ value: "new", expiresAt: 0 }))).toBe(
      "new",
    );
  });

  it("recomputes an expired answer and forgets the oldest when full", async () => {
    const cache = createReadCache<number>({ maxEntries: 2 });
    let computed = 0;
    const expired = async () => ({ value: ++computed, expiresAt: Date.now() - 1 });
    expect(await cache.get("org", null, "a", expired)).toBe(1);
    expect(await cache.get("org", null, "a", expired)).toBe(2);
    const kept = async () => ({ value: ++computed, expiresAt: Date.now() + 60_000 });
    await cache.get("org", null, "b", kept);
    await cache.get("org", null, "c", kept);
    expect(cache.size()).toBe(2);
  });
});

/** Every cookie a response set, as a browser would keep them: the session's cached copy too. */
function allCookies(response: Response, previous = ""): string {
  const jar = new Map(
    previous
      .split("; ")
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf("=")), pair] as const),
  );
  for (const header of response.headers.getSetCookie()) {
    const pair = header.split(";")[0] ?? "";
    const name = pair.slice(0, pair.indexOf("="));
    if (/max-age=0/i.test(header) || pair.endsWith("=")) jar.delete(name);
    else jar.set(name, pair);
  }
  return [...jar.values()].join("; ");
}

describeEachEngine("summaries and memberships in memory, on two instances", (db) => {
  // Two API processes on one database: what one changes, the other learns by LISTEN/NOTIFY.
  let one: ReturnType<typeof createLiveTestApp>;
  let two: ReturnType<typeof createLiveTestApp>;
  beforeAll(() => {
    one = createLiveTestApp(db());
    two = createLiveTestApp(db());
  });
  afterAll(async () => {
    await Promise.all([one.live.close(), two.live.close()]);
  });

  const summaryOn = async (app: TestApp, caller: Caller, goalId: string) =>
    readAs(await call(app, "GET", `/api/v1/goals/${goalId}/summary`, { caller }), summarySchema);

  it("answers the summary from memory until a change on either instance says otherwise", async () => {
    const owner = await createOwner(one.app);
    const team = await createTeam(one.app, owner, "Marketing", "marketing");
    const goal = await createGoal(one.app, owner, {
      name: "Kept in memory",
      startsOn: "2026-10-01",
      endsOn: "2026-12-31",
      target: 1_000_000,
      plan: { leadToMql: 0.3, mqlToSql: 0.4, sqlToWon: 0.25, avgDealSize: 20_000 },
    });
    expect((await summaryOn(two.app, owner, goal.id)).goal.name).toBe("Kept in memory");

    // A write no notice announces is not seen: the answer comes from memory.
    const renamed = await updateGoalIfVersion(db().db, owner.orgId, goal.id, goal.version, {
      name: "Renamed quietly",
    });
    expect(renamed?.name).toBe("Renamed quietly");
    expect((await summaryOn(two.app, owner, goal.id)).goal.name).toBe("Kept in memory");
    const other = await createOwner(two.app);
    const foreign = await call(two.app, "GET", `/api/v1/goals/${goal.id}/summary`, {
      caller: other,
    });
    expect(foreign.status).toBe(404);

    // A key result added on the first instance empties the second one's memory of the goal.
    const created = await call(one.app, "POST", `/api/v1/goals/${goal.id}/key-results`, {
      caller: owner,
      body: {
        title: "Webinars",
        teamId: team,
        kind: "activity",
        unit: "count",
        start: 0,
        target: 4,
      },
    });
    expect(created.status).toBe(201);
    await expect
      .poll(async () => {
        const summary = await summaryOn(two.app, owner, goal.id);
        return { name: summary.goal.name, keyResults: summary.keyResults.length };
      })
      .toEqual({ name: "Renamed quietly", keyResults: 1 });
  });

  it("applies a changed role and an ended session on the other instance at once", async () => {
    const owner = await createOwner(one.app);
    const person = await addMember(one.app, owner, "exec");
    // Signed in as a browser is: with the session's signed copy in a cookie.
    const signIn = await call(two.app, "POST", "/api/auth/sign-in/email", {
      body: { email: person.email, password: "correct-horse-battery" },
    });
    expect(signIn.status).toBe(200);
    const cookie = allCookies(signIn);
    expect(cookie).toContain("session_data");
    const browser: Caller = { ...person, cookie };
    const goal = await createGoal(one.app, owner, {
      name: "On the wall",
      startsOn: "2026-10-01",
      endsOn: "2026-12-31",
      target: 1_000_000,
      plan: { leadToMql: 0.3, mqlToSql: 0.4, sqlToWon: 0.25, avgDealSize: 20_000 },
    });
    const addDisplay = async () =>
      (
        await call(two.app, "POST", "/api/v1/displays", {
          caller: browser,
          body: { name: "Lobby", goalId: goal.id },
        })
      ).status;
    expect(await addDisplay()).toBe(201);

    const members = await readAs(
      await call(one.app, "GET", "/api/v1/members", { caller: owner }),
      z.object({ members: z.array(memberSchema) }).passthrough(),
    );
    const row = members.members.find((m) => m.userId === person.userId);
    if (!row) throw new Error("the new member is not listed");
    const demoted = await call(one.app, "PATCH", `/api/v1/members/${row.id}`, {
      caller: owner,
      body: { role: "viewer" },
    });
    expect(demoted.status).toBe(200);
    // Well within the membership's 10 s in memory: the notice, not the age, made it count.
    await expect.poll(addDisplay, { timeout: 5_000 }).toBe(403);

    const sessions = await call(one.app, "DELETE", `/api/v1/members/${row.id}/sessions`, {
      caller: owner,
    });
    expect(sessions.status).toBe(200);
    await expect
      .poll(async () => (await call(two.app, "GET", "/api/v1/me", { caller: browser })).status)
      .toBe(401);
  });
});

import { listForecastSnapshots } from "@tandem/db/queries/forecast-history";
import { updateGoalIfVersion } from "@tandem/db/queries/goals";
import { forecastCalls } from "@tandem/db/schema";
import { describeEachEngine } from "@tandem/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forecastHistorySchema } from "../../forecast/forecast-history-schema";
import { forecastSchema } from "../../forecast/forecast-schema";
import { liveSummarySchema } from "../../lib/live/live-summary-schema";
import { readSse } from "../../lib/live/sse-reader";
import {
  type Caller,
  call,
  createOwner,
  createTeam,
  readAs,
  type TestApp,
} from "../../testing/test-app";
import { goalSchema } from "../goals/goals.routes";
import { createKey, ingestOk } from "../ingest/ingest.helpers";
import { currentGoal } from "../stream/live-fixtures";
import { createLiveTestApp } from "../stream/live-test-app";

/** A bound against hanging, not a speed check. */
const patience = 15_000;

describeEachEngine("the forecast in memory, on two instances", (db) => {
  let one: ReturnType<typeof createLiveTestApp>;
  let two: ReturnType<typeof createLiveTestApp>;
  beforeAll(() => {
    one = createLiveTestApp(db());
    two = createLiveTestApp(db());
  });
  afterAll(async () => {
    await Promise.all([one.live.close(), two.live.close()]);
  });

  const forecastOn = async (app: TestApp, caller: Caller, goalId: string, asOf?: string) =>
    readAs(
      await call(app, "GET", `/api/v1/goals/${goalId}/forecast${asOf ? `?asOf=${asOf}` : ""}`, {
        caller,
      }),
      forecastSchema,
    );
  /** The snapshots said on their day (a week's move also stores a replayed day). */
  // Through the product's query, scoped to the organization (one shard on Citus).
  const snapshotsOf = async (orgId: string, goalId: string) =>
    (await listForecastSnapshots(db().db, orgId, goalId, "0001-01-01", "9999-12-31")).filter(
      (row) => !row.replayed,
    );

  it("answers from memory until a change, and shares the live stream's computation", async () => {
    const owner = await createOwner(one.app);
    const goal = await readAs(
      await call(one.app, "POST", "/api/v1/goals", { caller: owner, body: currentGoal }),
      goalSchema,
    );
    const first = await forecastOn(two.app, owner, goal.id);
    expect(first.target).toBe(900000);
    // Today by date and today by default are one answer.
    expect(await forecastOn(two.app, owner, goal.id, first.asOf)).toEqual(first);

    // A write no notice announces is not seen: the answer comes from memory (minor units).
    await updateGoalIfVersion(db().db, owner.orgId, goal.id, goal.version, { target: 180_000_000 });
    expect((await forecastOn(two.app, owner, goal.id)).target).toBe(900000);
    const stranger = await createOwner(two.app);
    const foreign = await call(two.app, "GET", `/api/v1/goals/${goal.id}/forecast`, {
      caller: stranger,
    });
    expect(foreign.status).toBe(404);

    // A won deal ingested on the first instance reaches the second's memory by its notice.
    const stream = readSse(
      await call(two.app, "GET", `/api/v1/goals/${goal.id}/stream`, { caller: owner }),
    );
    await stream.next(patience);
    const { token } = await createKey(one.app, owner);
    const now = new Date().toISOString();
    await ingestOk(one.app, token, "deals", {
      records: [{ externalId: "D1", amount: 45000, status: "won", createdAt: now, closedAt: now }],
    });
    let live = liveSummarySchema.parse(JSON.parse((await stream.next(patience)).data));
    while (live.forecast.booked === 0) {
      live = liveSummarySchema.parse(JSON.parse((await stream.next(patience)).data));
    }
    // The stream computed the forecast after the change; the route answers that computation
    // (a second quiet write is not seen), so it was made once for both.
    await updateGoalIfVersion(db().db, owner.orgId, goal.id, goal.version + 1, {
      target: 270_000_000,
    });
    const asked = await forecastOn(two.app, owner, goal.id);
    expect(asked).toMatchObject({ booked: 45000, target: 1_800_000, total: live.forecast.total });
    await stream.cancel();
  });

  it("answers the forecast's history from memory until a call on either instance", async () => {
    const owner = await createOwner(one.app);
    const sales = await createTeam(one.app, owner, "Sales", "sales");
    const goal = await readAs(
      await call(one.app, "POST", "/api/v1/goals", { caller: owner, body: currentGoal }),
      goalSchema,
    );
    const historyOn = async (app: TestApp) =>
      readAs(
        await call(app, "GET", `/api/v1/goals/${goal.id}/forecast/history`, { caller: owner }),
        forecastHistorySchema,
      );
    const first = await historyOn(two.app);
    expect(first.points.at(-1)?.calls.sales).toBeNull();
    const stranger = await createOwner(two.app);
    const foreign = await call(two.app, "GET", `/api/v1/goals/${goal.id}/forecast/history`, {
      caller: stranger,
    });
    expect(foreign.status).toBe(404);
    // A call written with no notice is not seen: the history comes from memory.
    await db()
      .db.insert(forecastCalls)
      .values({
        orgId: owner.orgId,
        id: "quiet-call",
        goalId: goal.id,
        teamId: sales,
        week: currentGoal.startsOn,
        commit: 1,
        bestCase: 1,
        authorId: owner.userId,
        createdAt: new Date(Date.now() - 60_000),
      });
    expect(await historyOn(two.app)).toEqual(first);

    const called = await call(one.app, "POST", `/api/v1/goals/${goal.id}/calls`, {
      caller: owner,
      body: { teamId: sales, commit: 400000, bestCase: 500000 },
      // The quiet call counts: the team's calls are at version 1.
      headers: { "if-match": '"1"' },
    });
    expect(called.status).toBe(201);
    await expect
      .poll(async () => (await historyOn(two.app)).points.at(-1)?.calls.sales, {
        timeout: patience,
      })
      .toEqual({ commit: 400000, bestCase: 500000 });
  });

  it("stores the day's snapshot at the first change of the day with no stream open", async () => {
    const owner = await createOwner(one.app);
    const goal = await readAs(
      await call(one.app, "POST", "/api/v1/goals", { caller: owner, body: currentGoal }),
      goalSchema,
    );
    // Nobody asked for the forecast and no stream is open: the goal's creation was the change.
    await expect
      .poll(async () => (await snapshotsOf(owner.orgId, goal.id)).length, { timeout: patience })
      .toBe(1);
    const [stored] = await snapshotsOf(owner.orgId, goal.id);
    expect(stored).toMatchObject({ booked: 0, replayed: false });

    // Later changes of the day leave the first snapshot as it was.
    const { token } = await createKey(one.app, owner);
    const now = new Date().toISOString();
    await ingestOk(one.app, token, "deals", {
      records: [{ externalId: "D1", amount: 45000, status: "won", createdAt: now, closedAt: now }],
    });
    expect((await forecastOn(one.app, owner, goal.id)).booked).toBe(45000);
    expect(await snapshotsOf(owner.orgId, goal.id)).toEqual([stored]);
  });
});

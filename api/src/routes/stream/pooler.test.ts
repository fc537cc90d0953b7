import { createDb, type Database } from "@tandem/db";
import { createTestDatabase, type TestDatabase } from "@tandem/db/testing";
import { hasPgbouncer, type Pgbouncer, startPgbouncer } from "@tandem/db/testing/pgbouncer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveSummarySchema } from "../../lib/live/live-summary-schema";
import { readSse } from "../../lib/live/sse-reader";
import { summarySchema } from "../../summary/summary-schema";
import { call, readAs } from "../../testing/test-app";
import { checkIn, createDisplay, createLiveFixture } from "./live-fixtures";
import { createLiveTestApp } from "./live-test-app";

const serverUrl = process.env.TEST_DATABASE_URL;

/**
 * Two API instances behind a real PgBouncer in transaction mode, as docs/scaling.md deploys
 * them: queries through the pooler (no prepared statements), LISTEN on a direct connection.
 */
describe.skipIf(!serverUrl || !hasPgbouncer())("two instances behind PgBouncer", () => {
  let database: TestDatabase;
  let pooler: Pgbouncer;
  const instances: { database: Database; app: ReturnType<typeof createLiveTestApp> }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    pooler = await startPgbouncer(serverUrl ?? "");
    for (let i = 0; i < 2; i++) {
      const pooled = createDb({
        url: pooler.pooledUrl(database.url ?? ""),
        directUrl: database.url,
      });
      instances.push({ database: pooled, app: createLiveTestApp(pooled) });
    }
  }, 60_000);

  afterAll(async () => {
    for (const { app, database: pooled } of instances) {
      await app.live.close();
      await pooled.close();
    }
    await pooler?.stop();
    await database?.destroy();
  });

  it("takes a check-in on one instance to a TV stream on the other", async () => {
    const [one, two] = instances.map((i) => i.app.app);
    if (!one || !two) throw new Error("the instances did not start");
    const { owner, goalId, keyResultId, salesLead } = await createLiveFixture(one);
    const display = await createDisplay(one, owner, goalId);
    const stream = readSse(await call(two, "GET", `/api/v1/displays/${display.token}/stream`));
    const first = liveSummarySchema.parse(JSON.parse((await stream.next(15_000)).data));
    expect(first.goal.id).toBe(goalId);

    await checkIn(one, salesLead, keyResultId, 9, "through the pooler");
    const deadline = Date.now() + 15_000;
    for (;;) {
      const event = await stream.next(Math.max(1, deadline - Date.now()));
      const summary = liveSummarySchema.parse(JSON.parse(event.data));
      if (summary.checkIns[0]?.note === "through the pooler") break;
    }
    await stream.cancel();

    // The other instance's summary from memory follows the same notice.
    const summary = await readAs(
      await call(two, "GET", `/api/v1/goals/${goalId}/summary`, { caller: owner }),
      summarySchema,
    );
    expect(summary.checkIns[0]?.note).toBe("through the pooler");
    // The queries did go through the pooler.
    const name = new URL(database.url ?? "").pathname.slice(1);
    expect(await pooler.clients(name)).toBeGreaterThan(0);
  });
});

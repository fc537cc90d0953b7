import { listForecastSnapshots } from "@tandem/db/queries/forecast-history";
import { describeEachEngine } from "@tandem/db/testing";
import { expect, it } from "vitest";
import { forecastSchema } from "../../forecast/forecast-schema";
import { liveSummarySchema } from "../../lib/live/live-summary-schema";
import { readSse } from "../../lib/live/sse-reader";
import { call, readAs } from "../../testing/test-app";
import { createKey, ingestOk } from "../ingest/ingest.helpers";
import { createLiveFixture } from "../stream/live-fixtures";
import { createLiveTestApp } from "../stream/live-test-app";

/** A bound against hanging, not a speed check (the bench measures delivery). */
const patience = 15_000;

describeEachEngine("the forecast in the live stream", (db) => {
  it("carries the forecast the forecast route answers, fresh after a won deal", async () => {
    const { app, live } = createLiveTestApp(db());
    const { owner, goalId } = await createLiveFixture(app);
    const stream = readSse(
      await call(app, "GET", `/api/v1/goals/${goalId}/stream`, { caller: owner }),
    );
    const first = liveSummarySchema.parse(JSON.parse((await stream.next(patience)).data));
    expect(first.forecast).toMatchObject({ booked: 0, enough: false });
    // The stream's first computation of the day stored the day's snapshot.
    const asOf = first.forecast.asOf;
    const stored = await listForecastSnapshots(db().db, owner.orgId, goalId, asOf, asOf);
    expect(stored.map((r) => r.total)).toEqual([Math.round(first.forecast.total * 100)]);

    const { token } = await createKey(app, owner);
    const now = new Date().toISOString();
    await ingestOk(app, token, "deals", {
      records: [{ externalId: "D1", amount: 45000, status: "won", createdAt: now, closedAt: now }],
    });
    let next = first;
    while (next.forecast.booked === 0) {
      next = liveSummarySchema.parse(JSON.parse((await stream.next(patience)).data));
    }
    expect(next.forecast.booked).toBe(45000);
    const asked = await readAs(
      await call(app, "GET", `/api/v1/goals/${goalId}/forecast`, { caller: owner }),
      forecastSchema,
    );
    expect(next.forecast).toMatchObject({
      total: asked.total,
      low: asked.low,
      high: asked.high,
      pipeline: asked.pipeline.expected,
      leadsToCome: asked.leadsToCome.expected,
      runRate: asked.runRate,
    });
    await stream.cancel();
    await live.close();
  });
});

import { z } from "@hono/zod-openapi";
import { createDb } from "@tandem/db";
import { firstRow } from "@tandem/db/queries/ingest-sql";
import { describeEachEngine } from "@tandem/db/testing";
import { expect, it } from "vitest";
import { liveSummarySchema } from "../../lib/live/live-summary-schema";
import { readSse, type SseEvent } from "../../lib/live/sse-reader";
import { addMember, call, createOwner, readProblem } from "../../testing/test-app";
import { checkIn, createDisplay, createLiveFixture } from "./live-fixtures";
import { createLiveTestApp } from "./live-test-app";

const summaryOf = (event: SseEvent) => {
  expect(event.event).toBe("summary");
  return liveSummarySchema.parse(JSON.parse(event.data));
};

/**
 * How long to wait for an event that must come. A bound against hanging, not a speed check:
 * how fast events arrive is the bench's live budget, and a busy machine must not fail a test.
 */
const patience = 15_000;

/** Waits for the summary whose check-in feed starts with `note`, skipping older ones. */
async function summaryWithNote(stream: ReturnType<typeof readSse>, note: string) {
  const timeoutMs = patience;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const event = await stream.next(Math.max(1, deadline - Date.now()));
    const summary = summaryOf(event);
    if (summary.checkIns[0]?.note === note) return { event, summary };
  }
}

describeEachEngine("live streams", (db, kind) => {
  it("sends the current summary at once, then a fresh one after a check-in", async () => {
    const { app, live } = createLiveTestApp(db());
    const { owner, goalId, keyResultId, salesLead } = await createLiveFixture(app);
    const response = await call(app, "GET", `/api/v1/goals/${goalId}/stream`, { caller: owner });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    const stream = readSse(response);
    const first = await stream.next();
    expect(first.id).toMatch(/^\d+-[0-9a-f]{16}$/);
    expect(summaryOf(first).goal.id).toBe(goalId);

    await checkIn(app, salesLead, keyResultId, 12, "twelve demos");
    const { event, summary } = await summaryWithNote(stream, "twelve demos");
    expect(summary.keyResults[0]?.current).toBe(12);
    expect(Number(event.id?.split("-")[0])).toBeGreaterThan(Number(first.id?.split("-")[0]));
    await stream.cancel();
    await live.close();
  });

  it("computes a goal's summary once per change for all its streams, coalescing bursts", async () => {
    const { app, live } = createLiveTestApp(db());
    const { owner, goalId, keyResultId, salesLead } = await createLiveFixture(app);
    const streams = await Promise.all(
      [1, 2, 3].map(async () =>
        readSse(await call(app, "GET", `/api/v1/goals/${goalId}/stream`, { caller: owner })),
      ),
    );
    await Promise.all(streams.map((s) => s.next()));
    expect(live.stats()).toMatchObject({ goals: 1, streams: 3, computations: 1 });

    await checkIn(app, salesLead, keyResultId, 5, "five");
    const events = await Promise.all(streams.map((s) => summaryWithNote(s, "five")));
    // The same serialized event went to every stream.
    expect(new Set(events.map((e) => e.event.id)).size).toBe(1);
    expect(live.stats().computations).toBe(2);

    // Ten changes in a burst: at most one computation now and one 250 ms later.
    for (let i = 0; i < 10; i++) {
      await db().notify("tandem_changes", JSON.stringify({ orgId: owner.orgId, kind: "ingest" }));
    }
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(live.stats().computations).toBeLessThanOrEqual(4);
    await Promise.all(streams.map((s) => s.cancel()));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(live.stats()).toMatchObject({ goals: 0, streams: 0 });
    await live.close();
  });

  it("resumes with Last-Event-ID: nothing resent when current, the summary at once when not", async () => {
    const { app, live } = createLiveTestApp(db());
    const { owner, goalId, keyResultId, salesLead } = await createLiveFixture(app);
    const path = `/api/v1/goals/${goalId}/stream`;
    const first = readSse(await call(app, "GET", path, { caller: owner }));
    const latest = await first.next();
    await first.cancel();

    const current = readSse(
      await call(app, "GET", path, {
        caller: owner,
        headers: { "last-event-id": latest.id ?? "" },
      }),
    );
    expect(await current.maybeNext(400)).toBeNull();
    await checkIn(app, salesLead, keyResultId, 3, "after resume");
    await summaryWithNote(current, "after resume");
    await current.cancel();

    // An older id (and the query-string form) gets the current summary at once.
    const stale = readSse(
      await call(app, "GET", `${path}?lastEventId=${latest.id ?? ""}`, { caller: owner }),
    );
    expect(summaryOf(await stale.next(500)).checkIns[0]?.note).toBe("after resume");
    await stale.cancel();
    const garbage = readSse(
      await call(app, "GET", path, { caller: owner, headers: { "last-event-id": "nonsense" } }),
    );
    await garbage.next(500);
    await garbage.cancel();
    await live.close();
  });

  it("needs a member session and hides other organizations' goals", async () => {
    const { app, live } = createLiveTestApp(db());
    const { owner, goalId } = await createLiveFixture(app);
    const anonymous = await call(app, "GET", `/api/v1/goals/${goalId}/stream`);
    expect(anonymous.status).toBe(401);
    expect((await readProblem(anonymous)).code).toBe("unauthorized");
    const stranger = await createOwner(app);
    const hidden = await call(app, "GET", `/api/v1/goals/${goalId}/stream`, { caller: stranger });
    expect(hidden.status).toBe(404);
    const viewer = await addMember(app, owner, "viewer");
    const allowed = await call(app, "GET", `/api/v1/goals/${goalId}/stream`, { caller: viewer });
    expect(allowed.status).toBe(200);
    await readSse(allowed).cancel();
    await live.close();
  });

  it("streams a display's goal by token and closes it when revoked", async () => {
    const { app, live } = createLiveTestApp(db());
    const { owner, goalId, keyResultId, salesLead } = await createLiveFixture(app);
    const display = await createDisplay(app, owner, goalId);
    const path = `/api/v1/displays/${display.token}/stream`;
    const stream = readSse(await call(app, "GET", path));
    const first = summaryOf(await stream.next());
    expect(first.goal.id).toBe(goalId);
    expect(first.recentWins).toEqual([]);
    await checkIn(app, salesLead, keyResultId, 8, "on the wall");
    await summaryWithNote(stream, "on the wall");

    expect(
      (await call(app, "DELETE", `/api/v1/displays/${display.id}`, { caller: owner })).status,
    ).toBe(204);
    const last = await stream.next(patience);
    expect(last.event).toBe("revoked");
    await stream.ended;
    const again = await call(app, "GET", path);
    expect(again.status).toBe(401);
    expect((await readProblem(again)).code).toBe("unauthorized");
    await live.close();
  });

  it("documents both streams' event format in the OpenAPI document", async () => {
    const { app } = createLiveTestApp(db());
    const document = z
      .object({ paths: z.record(z.string(), z.record(z.string(), z.unknown())) })
      .parse(await (await call(app, "GET", "/api/v1/openapi.json")).json());
    for (const path of ["/api/v1/goals/{id}/stream", "/api/v1/displays/{token}/stream"]) {
      const text = JSON.stringify(document.paths[path]);
      expect(text).toContain("text/event-stream");
      expect(text).toContain("Last-Event-ID");
    }
    expect(document.paths["/api/v1/displays/{token}/summary"]).toBeDefined();
  });

  it("ends every stream cleanly when the hub shuts down", async () => {
    const { app, live } = createLiveTestApp(db());
    const { owner, goalId } = await createLiveFixture(app);
    const display = await createDisplay(app, owner, goalId);
    const streams = [
      readSse(await call(app, "GET", `/api/v1/goals/${goalId}/stream`, { caller: owner })),
      readSse(await call(app, "GET", `/api/v1/displays/${display.token}/stream`)),
    ];
    await Promise.all(streams.map((s) => s.next()));
    await live.close();
    await Promise.all(streams.map((s) => s.ended));
    expect(live.stats().streams).toBe(0);
    // Reconnects during shutdown are turned away on a connection that then closes.
    const late = await call(app, "GET", `/api/v1/displays/${display.token}/stream`);
    expect(late.status).toBe(503);
    expect(late.headers.get("connection")).toBe("close");
    expect((await readProblem(late)).code).toBe("unavailable");
  });

  it.runIf(kind !== "pglite")(
    "delivers a check-in made on one API process to a stream on another",
    async () => {
      const url = db().url;
      if (!url) throw new Error("the server database has no url");
      const second = createDb({ url, max: 3 });
      const a = createLiveTestApp(db());
      const b = createLiveTestApp(second);
      try {
        const { owner, goalId, keyResultId, salesLead } = await createLiveFixture(a.app);
        const display = await createDisplay(a.app, owner, goalId);
        const onB = readSse(
          await call(b.app, "GET", `/api/v1/goals/${goalId}/stream`, { caller: owner }),
        );
        const tvOnB = readSse(await call(b.app, "GET", `/api/v1/displays/${display.token}/stream`));
        await Promise.all([onB.next(), tvOnB.next()]);
        await checkIn(a.app, salesLead, keyResultId, 21, "through A");
        await Promise.all([summaryWithNote(onB, "through A"), summaryWithNote(tvOnB, "through A")]);
        // A revocation on A closes the screen connected to B.
        await call(a.app, "DELETE", `/api/v1/displays/${display.id}`, { caller: owner });
        expect((await tvOnB.next(patience)).event).toBe("revoked");
        await onB.cancel();
      } finally {
        await a.live.close();
        await b.live.close();
        await second.close();
      }
    },
  );

  it.runIf(kind !== "pglite")(
    "keeps delivering after its LISTEN connection is killed",
    async () => {
      const { app, live } = createLiveTestApp(db(), { probeEveryMs: 200, probeTimeoutMs: 300 });
      const { owner, goalId, keyResultId, salesLead } = await createLiveFixture(app);
      const stream = readSse(
        await call(app, "GET", `/api/v1/goals/${goalId}/stream`, { caller: owner }),
      );
      await stream.next();
      // The hub's LISTEN connection is this database's only session whose last query is LISTEN.
      const killed = firstRow(
        await db().db.execute(
          "select count(*) filter (where pg_terminate_backend(pid)) as terminated from pg_stat_activity where datname = current_database() and query ilike 'listen%' and pid <> pg_backend_pid()",
        ),
      );
      expect(Number(killed.terminated)).toBeGreaterThanOrEqual(1);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await checkIn(app, salesLead, keyResultId, 30, "after the drop");
      await summaryWithNote(stream, "after the drop");
      await stream.cancel();
      await live.close();
    },
  );
});

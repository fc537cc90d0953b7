import { describeEachEngine } from "@tandem/db/testing";
import { describe, expect, it, vi } from "vitest";
import { summarySchema } from "../../summary/summary-schema";
import { parseNotice } from "./change-notice";
import { createLiveHub } from "./hub";
import { LiveStream } from "./live-stream";
import type { LiveSummary } from "./live-summary-schema";
import { CHANGES_CHANNEL, publishChange } from "./publish";
import { resumeHash } from "./sse-frames";

const decoder = new TextDecoder();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Waits until `check` passes. Tests wait for what they expect rather than sleep a fixed time,
 * so a busy machine makes them slower, never red; only "nothing happened" checks sleep.
 */
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 15_000, interval: 10 });

/** A writer that records frames as text and can be made slow. */
function recorder(delayMs = 0) {
  const frames: string[] = [];
  return {
    frames,
    summaries: () => frames.filter((f) => f.startsWith("event: summary")),
    async write(chunk: Uint8Array) {
      if (delayMs) await sleep(delayMs);
      frames.push(decoder.decode(chunk));
    },
  };
}

/** A stand-in summary: only its version changes, which is all the hub looks at. */
function fakeSummary(version: number): LiveSummary {
  const base = summarySchema.parse({
    goal: { id: "g", name: "G", startsOn: "2026-01-01", endsOn: "2026-03-31", version },
    asOf: "2026-02-01",
    currency: "USD",
    timezone: "UTC",
    pacing: "linear",
    daysElapsed: 1,
    daysInPeriod: 90,
    expectedShare: 0.1,
    target: 1,
    actual: 0,
    attainment: 0,
    expectedToDate: 0,
    projected: 0,
    status: "off_track",
    pipeline: { amount: 0, deals: 0 },
    pipelineCoverage: null,
    funnel: {
      plan: { leads: 0, mqls: 0, sqls: 0, wins: 0, revenue: 0 },
      actual: { leads: 0, mqls: 0, sqls: 0, wins: 0, revenue: 0 },
      planPeriod: { leads: 0, mqls: 0, sqls: 0, wins: 0, revenue: 0 },
      plannedLeads: 0,
      leadsDerived: false,
    },
    contributions: {
      kind: "no_data",
      gap: 0,
      planVsTarget: 0,
      activity: null,
      conversion: null,
      dealSize: null,
      reason: null,
    },
    series: [],
    keyResults: [],
    checkIns: [],
  });
  const forecast = {
    asOf: base.asOf,
    total: 0,
    low: 0,
    high: 0,
    booked: 0,
    pipeline: 0,
    leadsInHand: 0,
    leadsToCome: 0,
    runRate: null,
    status: "on_track" as const,
    enough: false,
    moved: null,
  };
  return { ...base, recentWins: [], forecast, updatedAt: "2026-01-01T00:00:00.000Z" };
}

describeEachEngine("live hub", (db) => {
  it("computes at most every 250 ms per goal, however many changes arrive", async () => {
    let version = 0;
    const computedAt: number[] = [];
    const hub = createLiveHub({
      database: db(),
      compute: async () => {
        computedAt.push(Date.now());
        return fakeSummary(++version);
      },
    });
    const out = recorder();
    await hub.open({ orgId: "o1", goalId: "g" }, out);
    await eventually(() => expect(out.summaries()).toHaveLength(1));
    const started = Date.now();
    while (Date.now() - started < 1000) {
      await publishChange(db(), { orgId: "o1", kind: "ingest" });
      await sleep(10);
    }
    await sleep(400);
    await eventually(() => expect(out.summaries().length).toBe(computedAt.length));
    const gaps = computedAt.slice(1).map((t, i) => t - (computedAt[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(245);
    expect(computedAt.length).toBeLessThanOrEqual(7);
    // Other organizations' changes cost nothing here.
    const before = hub.stats().computations;
    await publishChange(db(), { orgId: "o2", kind: "ingest" });
    await sleep(300);
    expect(hub.stats().computations).toBe(before);
    await hub.close();
  });

  it("sends nothing when a recomputed summary is unchanged, and retries after a failure", async () => {
    let calls = 0;
    const hub = createLiveHub({
      database: db(),
      minIntervalMs: 10,
      compute: async () => {
        calls++;
        if (calls === 2) throw new Error("database hiccup");
        return fakeSummary(1);
      },
    });
    const out = recorder();
    await hub.open({ orgId: "o1", goalId: "g" }, out);
    await eventually(() => expect(out.summaries()).toHaveLength(1));
    await publishChange(db(), { orgId: "o1", kind: "goal", goalId: "g" });
    await eventually(() => expect(calls).toBe(3));
    await sleep(50);
    expect(out.summaries()).toHaveLength(1);
    await hub.close();
  });

  it("ends a goal's streams when the goal is gone, and only the revoked display's", async () => {
    let exists = true;
    const hub = createLiveHub({
      database: db(),
      compute: async () => (exists ? fakeSummary(1) : null),
    });
    const tv = recorder();
    const other = recorder();
    const member = recorder();
    const tvStream = await hub.open({ orgId: "o1", goalId: "g", displayId: "d1" }, tv);
    const otherStream = await hub.open({ orgId: "o1", goalId: "g", displayId: "d2" }, other);
    const memberStream = await hub.open({ orgId: "o1", goalId: "g" }, member);
    await publishChange(db(), { orgId: "o1", kind: "display", displayId: "d1" });
    await tvStream.done;
    expect(tv.frames.at(-1)).toContain("event: revoked");
    expect(otherStream.closed).toBe(false);
    exists = false;
    await publishChange(db(), { orgId: "o1", kind: "goal", goalId: "g" });
    await Promise.all([otherStream.done, memberStream.done]);
    expect(member.frames.at(-1)).toContain("event: gone");
    await hub.close();
  });

  it("resumes without resending the summary a client already has", async () => {
    const hub = createLiveHub({ database: db(), compute: async () => fakeSummary(1) });
    const first = recorder();
    await hub.open({ orgId: "o1", goalId: "g" }, first);
    await eventually(() => expect(first.frames).toHaveLength(1));
    const id = /id: (\S+)/.exec(first.frames[0] ?? "")?.[1];
    const again = recorder();
    await hub.open({ orgId: "o1", goalId: "g" }, again, resumeHash(id));
    await sleep(30);
    expect(again.frames).toEqual([]);
    await hub.close();
  });

  it("ignores malformed notices", async () => {
    const hub = createLiveHub({ database: db(), compute: async () => fakeSummary(1) });
    const out = recorder();
    await hub.open({ orgId: "o1", goalId: "g" }, out);
    await eventually(() => expect(hub.stats().computations).toBe(1));
    for (const payload of ["", "nope", "[]", '{"orgId":1}', '{"orgId":"o1","kind":"drop table"}']) {
      await db().notify(CHANGES_CHANNEL, payload);
    }
    await sleep(100);
    expect(hub.stats().computations).toBe(1);
    await hub.close();
  });
});

describe("live stream writes", () => {
  it("keeps only the newest frame while a slow client catches up", async () => {
    const slow = recorder(50);
    const stream = new LiveStream({ orgId: "o", goalId: "g" }, slow, undefined);
    const encode = (s: string) => new TextEncoder().encode(s);
    for (let i = 1; i <= 5; i++) stream.send(encode(`frame ${i}`), `h${i}`);
    stream.heartbeat();
    await eventually(() => expect(slow.frames).toHaveLength(2));
    await sleep(100);
    expect(slow.frames).toEqual(["frame 1", "frame 5"]);
    expect(stream.lastHash).toBe("h5");
  });

  it("reads notices defensively", () => {
    expect(parseNotice('{"orgId":"o","kind":"check_in","goalId":"g"}')).toEqual({
      orgId: "o",
      kind: "check_in",
      goalId: "g",
    });
    expect(parseNotice('{"probe":"x"}')).toEqual({ probe: "x" });
    expect(parseNotice('{"orgId":"o","kind":"other"}')).toBeNull();
    expect(parseNotice("{")).toBeNull();
    expect(parseNotice('{"kind":"sessions_ended","sessionIds":["s1",2,"s2"]}')).toEqual({
      kind: "sessions_ended",
      sessionIds: ["s1", "s2"],
    });
    expect(parseNotice('{"kind":"sessions_ended","sessionIds":[]}')).toBeNull();
    expect(parseNotice('{"kind":"member_removed","orgId":"o","userId":"u"}')).toEqual({
      kind: "member_removed",
      orgId: "o",
      userId: "u",
    });
    expect(parseNotice('{"kind":"member_removed","orgId":"o"}')).toBeNull();
  });
});

import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildCalendar } from "./calendar";
import { generateFacts } from "./facts";

const calendar = buildCalendar("2025-05-20", "America/New_York");

function digest(seed: number, chunkLeads: number) {
  // One hash per table, so that where the chunks break does not matter.
  const hashes = [
    createHash("sha256"),
    createHash("sha256"),
    createHash("sha256"),
    createHash("sha256"),
    createHash("sha256"),
  ];
  const stream = generateFacts({ calendar, seed, leads: 3000, chunkLeads, feedbackAuthorId: "u" });
  for (const chunk of stream.chunks) {
    [chunk.leads, chunk.deals, chunk.categories, chunk.touchpoints, chunk.feedback].forEach(
      (table, t) => {
        const columns = Object.values(table);
        const rows = columns[0]?.length ?? 0;
        for (let i = 0; i < rows; i++) hashes[t]?.update(JSON.stringify(columns.map((c) => c[i])));
      },
    );
  }
  const hash = hashes.map((h) => h.digest("hex")).join(":");
  return { hash, totals: stream.totals, flows: stream.flows };
}

describe("generateFacts", () => {
  it("gives the same rows for the same seed, whatever the chunk size", () => {
    const a = digest(1, 500);
    const b = digest(1, 3000);
    expect(b.hash).toBe(a.hash);
    expect(b.totals).toEqual(a.totals);
    expect(a.totals.leads).toBe(3000);
  });

  it("gives other rows for another seed", () => {
    expect(digest(2, 1000).hash).not.toBe(digest(1, 1000).hash);
  });

  it("has the reps call open deals, commit most often on those that will be won", () => {
    const stream = generateFacts({
      calendar,
      seed: 1,
      leads: 20000,
      chunkLeads: 20000,
      feedbackAuthorId: "u",
    });
    const byStatus = new Map<string, Map<string, number>>();
    let openWithExpectedClose = 0;
    let open = 0;
    for (const { deals } of stream.chunks) {
      deals.status.forEach((status, i) => {
        const counts = byStatus.get(status) ?? new Map<string, number>();
        const category = deals.forecastCategory[i] ?? "none";
        counts.set(category, (counts.get(category) ?? 0) + 1);
        byStatus.set(status, counts);
        if (status === "open") {
          open++;
          if (deals.expectedCloseAt[i] !== null) openWithExpectedClose++;
        }
      });
    }
    expect([...(byStatus.get("won")?.keys() ?? [])]).toEqual(["commit"]);
    expect([...(byStatus.get("lost")?.keys() ?? [])]).toEqual(["omitted"]);
    expect([...(byStatus.get("open")?.keys() ?? [])].sort()).toEqual([
      "best_case",
      "commit",
      "omitted",
      "pipeline",
    ]);
    expect(open).toBeGreaterThan(0);
    expect(openWithExpectedClose).toBe(open);
  });

  it("records each deal's categories as a daily sync saw them: promoted late when it will be won", () => {
    const stream = generateFacts({
      calendar,
      seed: 1,
      leads: 20000,
      chunkLeads: 5000,
      feedbackAuthorId: "u",
    });
    let reachedCommit = { won: 0, lost: 0 };
    const closed = { won: 0, lost: 0 };
    for (const { deals, categories } of stream.chunks) {
      const spans = new Map<string, { at: number; category: string }[]>();
      categories.dealExternalId.forEach((id, i) => {
        const list = spans.get(id) ?? [];
        list.push({ at: categories.at[i] ?? 0, category: categories.category[i] ?? "" });
        spans.set(id, list);
      });
      deals.externalId.forEach((id, i) => {
        const list = spans.get(id) ?? [];
        const createdAt = deals.createdAt[i] ?? 0;
        const ends = deals.closedAt[i] ?? calendar.cutoffSec;
        expect(list[0]).toEqual({ at: createdAt, category: "pipeline" });
        for (let k = 1; k < list.length; k++) {
          expect(list[k]?.at).toBeGreaterThanOrEqual(list[k - 1]?.at ?? 0);
        }
        expect(list.every((span) => span.at < ends)).toBe(true);
        const status = deals.status[i];
        if (status === "open") expect(deals.forecastCategory[i]).toBe(list.at(-1)?.category);
        if (status === "won" || status === "lost") {
          closed[status]++;
          if (list.some((span) => span.category === "commit")) reachedCommit[status]++;
        }
      });
    }
    reachedCommit = { won: reachedCommit.won / closed.won, lost: reachedCommit.lost / closed.lost };
    expect(reachedCommit.won).toBeGreaterThan(0.6);
    expect(reachedCommit.lost).toBeLessThan(0.2);
  });

  it("counts the flows of each quarter as the facts it yields", () => {
    const { flows, totals } = digest(1, 1000);
    expect(flows).toHaveLength(5);
    // Leads of the warm-up weeks belong to no quarter.
    const inQuarters = flows.reduce((sum, f) => sum + f.leads, 0);
    expect(inQuarters).toBeLessThan(totals.leads);
    expect(inQuarters).toBeGreaterThan(totals.leads * 0.8);
    for (const f of flows) expect(f.mqls).toBeGreaterThan(f.sqls);
  });

  it("puts nothing at or after the start of today", () => {
    const stream = generateFacts({
      calendar,
      seed: 3,
      leads: 2000,
      chunkLeads: 2000,
      feedbackAuthorId: "u",
    });
    const cutoff = calendar.cutoffSec;
    for (const { leads, deals, touchpoints, feedback } of stream.chunks) {
      const instants = [
        ...leads.createdAt,
        ...leads.mqlAt,
        ...leads.sqlAt,
        ...leads.firstContactAt,
        ...deals.createdAt,
        ...deals.closedAt,
        ...touchpoints.occurredAt,
        ...feedback.createdAt,
      ].filter((t) => t !== null);
      expect(Math.max(...instants)).toBeLessThan(cutoff);
      leads.createdAt.forEach((created, i) => {
        for (const later of [leads.mqlAt[i], leads.sqlAt[i], leads.firstContactAt[i]]) {
          if (later !== null && later !== undefined) expect(later).toBeGreaterThan(created);
        }
      });
    }
  });
});

describe("buildCalendar", () => {
  it("covers the quarter of today and the four before it, in the organization's days", () => {
    expect(calendar.quarters.map((q) => `${q.startsOn}..${q.endsOn}`)).toEqual([
      "2024-04-01..2024-06-30",
      "2024-07-01..2024-09-30",
      "2024-10-01..2024-12-31",
      "2025-01-01..2025-03-31",
      "2025-04-01..2025-06-30",
    ]);
    expect(calendar.days[calendar.todayIndex]?.iso).toBe("2025-05-20");
    // Midnight in New York, daylight saving time: 04:00 UTC.
    expect(new Date(calendar.cutoffSec * 1000).toISOString()).toBe("2025-05-20T04:00:00.000Z");
    const springForward = calendar.days.find((d) => d.iso === "2025-03-09");
    expect(springForward && springForward.endSec - springForward.startSec).toBe(23 * 3600);
  });

  it("refuses a date that is not an ISO date", () => {
    expect(() => buildCalendar("2025-02-30", "America/New_York")).toThrow(RangeError);
    expect(() => buildCalendar("20/05/2025", "America/New_York")).toThrow(RangeError);
  });
});

import { sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeEachEngine } from "../testing/index";
import { firstRow } from "./ingest-sql";
import {
  MAX_SPEED_BUCKET,
  medianHoursFromHistogram,
  SPEED_BUCKETS_PER_DOUBLING,
  type SpeedBucketCount,
  speedBucket,
  speedBucketBounds,
  speedBucketSql,
} from "./speed-rollups";

/** percentile_cont(0.5) of the waits, clamped at zero as the buckets are, in hours. */
function exactMedianHours(waits: readonly number[]): number {
  const sorted = waits.map((w) => Math.max(0, w)).sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  const low = sorted[Math.floor(middle)] ?? 0;
  const high = sorted[Math.ceil(middle)] ?? 0;
  return (low + (high - low) * (middle - Math.floor(middle))) / 3600;
}

function histogramOf(waits: readonly number[]): SpeedBucketCount[] {
  const counts = new Map<number, number>();
  for (const wait of waits) {
    const bucket = speedBucket(Math.max(0, wait));
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  return [...counts].map(([bucket, leads]) => ({ bucket, leads }));
}

const ratio = 2 ** (1 / SPEED_BUCKETS_PER_DOUBLING);
// Waits from a second to a quarter, spread on a log scale as real ones are.
const wait = fc.double({ min: 0, max: Math.log(90 * 86_400), noNaN: true }).map(Math.exp);

describe("the speed-to-lead histogram", () => {
  it("puts every wait inside its bucket's bounds", () => {
    fc.assert(
      fc.property(wait, (seconds) => {
        const { low, high } = speedBucketBounds(speedBucket(seconds));
        // Float rounding at a bound may put a wait in the neighbouring bucket, never further.
        expect(seconds).toBeGreaterThanOrEqual(low / 1.000001);
        expect(seconds).toBeLessThan(high * 1.000001);
      }),
    );
    expect(speedBucket(0)).toBe(0);
    expect(speedBucket(59.9)).toBe(0);
    expect(speedBucket(60)).toBe(1);
    expect(speedBucket(120)).toBe(SPEED_BUCKETS_PER_DOUBLING + 1);
    expect(speedBucket(1e12)).toBe(MAX_SPEED_BUCKET);
  });

  it("has no median when empty", () => {
    expect(medianHoursFromHistogram([])).toBeNull();
    expect(medianHoursFromHistogram([{ bucket: 4, leads: 0 }])).toBeNull();
  });

  it("answers a lone lead's bucket middle, and the middle lead's bucket of many", () => {
    const { low, high } = speedBucketBounds(33);
    expect(medianHoursFromHistogram([{ bucket: 33, leads: 1 }])).toBeCloseTo(
      Math.sqrt(low * high) / 3600,
      12,
    );
    const median = medianHoursFromHistogram([
      { bucket: 90, leads: 3 },
      { bucket: 10, leads: 3 },
      { bucket: 50, leads: 1 },
    ]);
    const middle = speedBucketBounds(50);
    expect(median).toBeGreaterThanOrEqual(middle.low / 3600);
    expect(median).toBeLessThan(middle.high / 3600);
  });

  it("stays within one bucket's width of the exact median", () => {
    fc.assert(
      fc.property(fc.array(wait, { minLength: 1, maxLength: 400 }), (waits) => {
        const exact = exactMedianHours(waits);
        const estimate = medianHoursFromHistogram(histogramOf(waits)) ?? Number.NaN;
        // Each middle lead is off by less than its bucket's width (a minute in the first).
        expect(estimate * 3600).toBeLessThanOrEqual(exact * 3600 * ratio + 60);
        expect(estimate * 3600).toBeGreaterThanOrEqual((exact * 3600) / ratio - 60);
        if (exact * 3600 >= 60 && waits.every((w) => w >= 60)) {
          expect(estimate / exact).toBeLessThanOrEqual(ratio * (1 + 1e-9));
          expect(exact / estimate).toBeLessThanOrEqual(ratio * (1 + 1e-9));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describeEachEngine("speed buckets in SQL", (get) => {
  const mql = sql`'2026-01-02T00:00:00Z'::timestamptz`;

  it("match the buckets computed in TypeScript", async () => {
    const waits = [0, 1, 59.999, 60, 61, 119.5, 120, 3_600, 5_000, 86_400, 1e6, 3e7, 1e12];
    // Selected through the query builder, whose result shape is the same on both drivers.
    const rows = await get()
      .db.select({
        seconds: sql<number>`w.seconds`.mapWith(Number),
        bucket:
          sql<number>`${speedBucketSql(mql, sql`${mql} + w.seconds * interval '1 second'`)}`.mapWith(
            Number,
          ),
      })
      .from(sql`unnest(${`{${waits.join(",")}}`}::float8[]) with ordinality as w(seconds, n)`)
      .orderBy(sql`w.n`);
    expect(rows.map((r) => [r.seconds, r.bucket])).toEqual(waits.map((w) => [w, speedBucket(w)]));
  });

  it("put a lead contacted before it qualified in the first bucket, and none without a contact", async () => {
    const row = firstRow(
      await get().db.execute(sql`
        select ${speedBucketSql(mql, sql`'2026-01-01T00:00:00Z'::timestamptz`)} as early,
               ${speedBucketSql(mql, sql`null::timestamptz`)} as never`),
    );
    expect(Number(row.early)).toBe(0);
    expect(row.never).toBeNull();
  });
});

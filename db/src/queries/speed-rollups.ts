import { and, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { dailySpeedRollups } from "../schema/index";

/**
 * Speed-to-lead (MQL to first sales contact) is kept as a histogram per MQL day, in geometric
 * buckets: bucket 0 holds waits under a minute, bucket b ≥ 1 holds [60·r^(b-1), 60·r^b)
 * seconds with r = 2^(1/16), so every bucket is 4.4% wide whatever the scale (a minute or a
 * month) and a year needs about 300 of them. A median read from it is within that width of
 * the exact one; docs/decisions/017-speed-to-lead-histogram.md says why that is the trade.
 */
export const SPEED_BUCKETS_PER_DOUBLING = 16;
/** Waits of years land in the last bucket rather than growing the table. */
export const MAX_SPEED_BUCKET = 400;

/**
 * The bucket of one lead's wait, in SQL, or null when it was never contacted or never an MQL.
 * A lead contacted before it qualified waited no time (bucket 0), as in lead quality.
 */
export function speedBucketSql(mqlAt: SQL, firstContactAt: SQL): SQL {
  const seconds = sql`extract(epoch from ${firstContactAt} - ${mqlAt})::float8`;
  return sql`(case
    when ${mqlAt} is null or ${firstContactAt} is null then null
    when ${seconds} < 60 then 0
    else least(${MAX_SPEED_BUCKET}, 1 + floor(${SPEED_BUCKETS_PER_DOUBLING} * ln(${seconds} / 60) / ln(2)))::smallint
  end)`;
}

/** The bucket of a wait in seconds, as `speedBucketSql` computes it. */
export function speedBucket(seconds: number): number {
  if (seconds < 60) return 0;
  return Math.min(
    MAX_SPEED_BUCKET,
    1 + Math.floor((SPEED_BUCKETS_PER_DOUBLING * Math.log(seconds / 60)) / Math.log(2)),
  );
}

/** The range of waits of a bucket, in seconds: [low, high). */
export function speedBucketBounds(bucket: number): { low: number; high: number } {
  if (bucket <= 0) return { low: 0, high: 60 };
  return {
    low: 60 * 2 ** ((bucket - 1) / SPEED_BUCKETS_PER_DOUBLING),
    high: 60 * 2 ** (bucket / SPEED_BUCKETS_PER_DOUBLING),
  };
}

export interface SpeedBucketCount {
  bucket: number;
  leads: number;
}

/**
 * The median of a histogram, in hours, or null when it is empty. As percentile_cont does, it
 * is the middle rank (n-1)/2, between the two middle leads when n is even; each lead is placed
 * inside its bucket as if the bucket's leads were spread evenly on a log scale (linearly in the
 * first bucket, which starts at 0), so a bucket of one lead answers its geometric middle.
 */
export function medianHoursFromHistogram(counts: readonly SpeedBucketCount[]): number | null {
  const sorted = counts.filter((c) => c.leads > 0).sort((a, b) => a.bucket - b.bucket);
  const total = sorted.reduce((sum, c) => sum + c.leads, 0);
  if (total === 0) return null;
  const middle = (total - 1) / 2;
  const lower = secondsAtRank(sorted, Math.floor(middle));
  const upper = secondsAtRank(sorted, Math.ceil(middle));
  return (lower + (upper - lower) * (middle - Math.floor(middle))) / 3600;
}

/** The estimated wait of the lead of 0-based rank `rank` in a sorted, non-empty histogram. */
function secondsAtRank(sorted: readonly SpeedBucketCount[], rank: number): number {
  let before = 0;
  for (const { bucket, leads } of sorted) {
    if (rank < before + leads) {
      const within = (rank - before + 0.5) / leads;
      const { low, high } = speedBucketBounds(bucket);
      return bucket === 0 ? high * within : low * (high / low) ** within;
    }
    before += leads;
  }
  return speedBucketBounds(sorted.at(-1)?.bucket ?? 0).high;
}

/** The speed histogram of the MQLs of days [from, to] (organization days, inclusive). */
export function speedHistogram(
  db: DbOrTx,
  orgId: string,
  from: string,
  to: string,
): Promise<SpeedBucketCount[]> {
  return db
    .select({
      bucket: dailySpeedRollups.bucket,
      leads: sql<number>`sum(${dailySpeedRollups.leads})`.mapWith(Number),
    })
    .from(dailySpeedRollups)
    .where(
      and(
        eq(dailySpeedRollups.orgId, orgId),
        gte(dailySpeedRollups.day, from),
        lte(dailySpeedRollups.day, to),
      ),
    )
    .groupBy(dailySpeedRollups.bucket);
}

/** Median hours from MQL to first sales contact over the MQLs of days [from, to]. */
export async function medianSpeedToLeadHours(
  db: DbOrTx,
  orgId: string,
  from: string,
  to: string,
): Promise<number | null> {
  return medianHoursFromHistogram(await speedHistogram(db, orgId, from, to));
}

/** The speed rollups as they must be, computed from the leads. */
const expectedSpeedRollupsSql = (orgId: string) => sql`
  select day::text as day, bucket::int as bucket, count(*)::int as leads
    from (
      select (l.mql_at at time zone o.timezone)::date as day,
             ${speedBucketSql(sql`l.mql_at`, sql`l.first_contact_at`)} as bucket
        from leads l
        join organization o on o.id = l.org_id
       where l.org_id = ${orgId} and l.mql_at is not null and l.first_contact_at is not null
    ) speeds
   group by day, bucket`;

export async function rebuildSpeedRollups(tx: DbOrTx, orgId: string): Promise<void> {
  await tx.delete(dailySpeedRollups).where(eq(dailySpeedRollups.orgId, orgId));
  await tx.execute(sql`
    insert into daily_speed_rollups (org_id, day, bucket, leads)
    select ${orgId}, day::date, bucket, leads from (${expectedSpeedRollupsSql(orgId)}) expected`);
}

export interface SpeedRollupDifference {
  table: "daily_speed_rollups";
  key: { day: string; bucket: number };
  stored: number;
  expected: number;
}

/** Compares the stored speed rollups with the leads; an empty list means they agree. */
export async function diffSpeedRollups(
  db: DbOrTx,
  orgId: string,
): Promise<SpeedRollupDifference[]> {
  const expectedRows = await db
    .select({
      day: sql<string>`day`,
      bucket: sql<number>`bucket`.mapWith(Number),
      leads: sql<number>`leads`.mapWith(Number),
    })
    .from(sql`(${expectedSpeedRollupsSql(orgId)}) as expected`);
  const storedRows = await db
    .select({
      day: dailySpeedRollups.day,
      bucket: dailySpeedRollups.bucket,
      leads: dailySpeedRollups.leads,
    })
    .from(dailySpeedRollups)
    .where(eq(dailySpeedRollups.orgId, orgId));
  const keyOf = (r: { day: string; bucket: number }) => `${r.day}/${r.bucket}`;
  const expected = new Map(expectedRows.map((r) => [keyOf(r), r]));
  const differences: SpeedRollupDifference[] = [];
  for (const row of storedRows) {
    const want = expected.get(keyOf(row))?.leads ?? 0;
    expected.delete(keyOf(row));
    if (row.leads !== want) {
      differences.push({
        table: "daily_speed_rollups",
        key: { day: row.day, bucket: row.bucket },
        stored: row.leads,
        expected: want,
      });
    }
  }
  for (const row of expected.values()) {
    differences.push({
      table: "daily_speed_rollups",
      key: { day: row.day, bucket: row.bucket },
      stored: 0,
      expected: row.leads,
    });
  }
  return differences;
}

/**
 * The speed half of a lead ingest statement, after `lead_effects (sign, mql_day, speed_bucket,
 * ...)`: the old wait of a changed lead leaves its bucket, the new one enters its own, in one
 * multi-row upsert. Its shrinking keys (JSON) are selected as `speed_shrinking`.
 */
export const speedDeltaCtes = (orgId: string): SQL => sql`
    speed_deltas as (
      select mql_day as day, speed_bucket as bucket, sum(sign)::int as leads
        from lead_effects
       where mql_day is not null and speed_bucket is not null
       group by mql_day, speed_bucket
      having sum(sign) <> 0
    ),
    speed_applied as (
      insert into daily_speed_rollups (org_id, day, bucket, leads)
      select ${orgId}, day, bucket, leads from speed_deltas order by day, bucket
      on conflict (org_id, day, bucket) do update set leads = daily_speed_rollups.leads + excluded.leads
    )`;

export const speedShrinkingKeys = sql`(
  select coalesce(json_agg(json_build_object('day', day, 'bucket', bucket)), '[]')::text
    from speed_deltas where leads < 0
)`;

/** Removes the speed rollup rows a batch emptied. */
export async function removeEmptySpeedRollups(
  tx: DbOrTx,
  orgId: string,
  keysJson: string,
): Promise<void> {
  if (keysJson === "[]") return;
  await tx.execute(sql`
    delete from daily_speed_rollups s
     using json_to_recordset(${keysJson}::json) as k(day date, bucket smallint)
     where s.org_id = ${orgId} and s.day = k.day and s.bucket = k.bucket and s.leads = 0`);
}

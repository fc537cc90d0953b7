import { eq, or } from "drizzle-orm";
import { todayIn } from "../calendar-day";
import type { Database, DbOrTx } from "../client";
import { rebuildRollups } from "../queries/rollups";
import { organization } from "../schema/auth";
import { forecastCalls } from "../schema/forecast-history";
import { checkIns, goals, keyResults } from "../schema/goals";
import { analyzeAllTables } from "../statistics";
import { insertFactChunk } from "./bulk-insert";
import { buildCalendar, type DemoCalendar } from "./calendar";
import { demoOrganization, demoTeamIds } from "./company";
import type { FactChunk } from "./fact-chunk";
import { type FactTotals, generateFacts } from "./facts";
import { buildPastCalls } from "./forecast-calls";
import { pastGoals, planGoal } from "./goal-plan";
import { buildKeyResults } from "./key-results";
import { demoPeople } from "./people";
import { createRng, deriveSeed } from "./prng";
import { insertOrganization, insertPeople } from "./tenant";

export const DEFAULT_DEMO_SEED = 1;
export const DEFAULT_DEMO_LEADS = 20_000;
export const MAX_DEMO_LEADS = 100_000_000;
/** Leads per insert batch: large enough to amortise round trips, small enough to stream. */
const CHUNK_LEADS = 20_000;

export interface SeedDemoOptions {
  seed?: number;
  /** The organization's today (YYYY-MM-DD); default: today's date in its timezone. */
  today?: string;
  /** Leads over the five quarters; everything else scales with it. */
  leads?: number;
  log?: (message: string) => void;
}

export interface SeedDemoResult {
  orgId: string;
  seed: number;
  today: string;
  counts: FactTotals & { checkIns: number };
  goal: { id: string; target: number; planLeads: number | null };
  timings: { factsMs: number; rollupsMs: number; totalMs: number };
}

export class DemoAlreadySeededError extends Error {
  constructor() {
    super(
      `The demo organization "${demoOrganization.name}" (id ${demoOrganization.id}) already exists in this database; delete it or use a fresh database to seed again.`,
    );
    this.name = "DemoAlreadySeededError";
  }
}

/** True when no organization exists yet: the server's first start fills such a database. */
export async function isDatabaseEmpty(db: DbOrTx): Promise<boolean> {
  const rows = await db.select({ id: organization.id }).from(organization).limit(1);
  return rows.length === 0;
}

/**
 * Creates the demo company "Acme Cloud" with its people, five quarters of funnel facts, its
 * shared goal and key results, and the rollups computed from the facts, in one transaction:
 * a failed seed leaves nothing behind.
 */
export async function seedDemo(
  database: Database,
  options: SeedDemoOptions = {},
): Promise<SeedDemoResult> {
  const started = performance.now();
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const leadCount = options.leads ?? DEFAULT_DEMO_LEADS;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!Number.isSafeInteger(leadCount) || leadCount < 1 || leadCount > MAX_DEMO_LEADS) {
    throw new RangeError(`leads must be an integer from 1 to ${MAX_DEMO_LEADS}, got ${leadCount}`);
  }
  const today = options.today ?? todayIn(demoOrganization.timezone);
  const calendar = buildCalendar(today, demoOrganization.timezone);
  const log = options.log ?? (() => {});
  const orgId = demoOrganization.id;

  const result = await database.db.transaction(async (tx) => {
    if (await demoExists(tx)) throw new DemoAlreadySeededError();
    await insertOrganization(tx, calendar);
    const people = await insertPeople(tx);
    // The team leads write the check-ins; sales' lead gives the verdicts on leads.
    const leadOf = (teamId: string) => {
      const person = demoPeople.find((p) => p.role === "lead" && p.teamId === teamId);
      return (person && people.get(person.email)) ?? "";
    };
    const salesUserId = leadOf(demoTeamIds.sales);
    const marketingUserId = leadOf(demoTeamIds.marketing);

    const stream = generateFacts({
      calendar,
      seed,
      leads: leadCount,
      chunkLeads: CHUNK_LEADS,
      feedbackAuthorId: salesUserId,
    });
    const progressEvery = Math.max(CHUNK_LEADS, Math.ceil(leadCount / 10));
    let nextProgress = progressEvery;
    let written = 0;
    await writeOverlapped(stream.chunks, async (chunk) => {
      await insertFactChunk(tx, orgId, chunk);
      written += chunk.leads.externalId.length;
      if (written >= nextProgress && written < leadCount) {
        log(
          `  ${written.toLocaleString("en-US")} of ${leadCount.toLocaleString("en-US")} leads written`,
        );
        nextProgress += progressEvery;
      }
    });
    const factsMs = performance.now() - started;

    const plan = planGoal(calendar, stream.flows, stream.expectedLeadsPerQuarter);
    const krs = buildKeyResults(
      plan,
      calendar,
      {
        marketingTeamId: demoTeamIds.marketing,
        salesTeamId: demoTeamIds.sales,
        marketingUserId,
        salesUserId,
      },
      createRng(deriveSeed(seed, "key-results")),
    );
    const past = pastGoals(calendar, stream.flows, stream.expectedLeadsPerQuarter);
    await tx.insert(goals).values([...past, plan.goal]);
    const calls = await buildPastCalls(
      tx,
      orgId,
      calendar,
      past.map((g) => ({ id: g.id ?? "", startsOn: g.startsOn })),
      [
        { teamId: demoTeamIds.sales, authorId: salesUserId, part: "sales" },
        { teamId: demoTeamIds.marketing, authorId: marketingUserId, part: "marketing" },
      ],
      createRng(deriveSeed(seed, "forecast-calls")),
    );
    if (calls.length > 0) await tx.insert(forecastCalls).values(calls);
    await tx.insert(keyResults).values(krs.keyResults);
    if (krs.checkIns.length > 0) await tx.insert(checkIns).values(krs.checkIns);

    const rollupsStarted = performance.now();
    await rebuildRollups(tx, orgId);
    const rollupsMs = performance.now() - rollupsStarted;
    const result: SeedDemoResult = {
      orgId,
      seed,
      today,
      counts: { ...stream.totals, checkIns: krs.checkIns.length },
      goal: { id: plan.goal.id, target: plan.goal.target, planLeads: plan.goal.planLeads ?? null },
      timings: { factsMs, rollupsMs, totalMs: performance.now() - started },
    };
    log(summarize(result, calendar));
    return result;
  });
  // The planner needs statistics on the new rows at once (PGlite has no autovacuum at all).
  await analyzeAllTables(database);
  return result;
}

async function demoExists(db: DbOrTx): Promise<boolean> {
  const rows = await db
    .select({ id: organization.id })
    .from(organization)
    .where(
      or(eq(organization.id, demoOrganization.id), eq(organization.slug, demoOrganization.slug)),
    )
    .limit(1);
  return rows.length > 0;
}

/**
 * Writes chunk k while the generator computes chunk k+1: on the server, generation and the
 * database's work overlap. One write at a time keeps memory to two chunks.
 */
async function writeOverlapped(
  chunks: Iterable<FactChunk>,
  write: (chunk: FactChunk) => Promise<void>,
): Promise<void> {
  let pending: Promise<void> | undefined;
  try {
    for (const chunk of chunks) {
      if (pending) await pending;
      pending = write(chunk);
    }
    if (pending) await pending;
  } catch (error) {
    // A generator error must not leave a write running (and rejecting unobserved).
    await pending?.catch(() => {});
    throw error;
  }
}

function summarize(result: SeedDemoResult, calendar: DemoCalendar): string {
  const first = calendar.quarters[0];
  const { counts, timings } = result;
  return (
    `Seeded ${demoOrganization.name} (${first?.startsOn} to ${result.today}, seed ${result.seed}): ` +
    `${counts.leads} leads, ${counts.deals} deals, ${counts.touchpoints} touchpoints, ` +
    `${counts.feedback} feedback, ${counts.checkIns} check-ins in ${Math.round(timings.totalMs)} ms ` +
    `(rollups ${Math.round(timings.rollupsMs)} ms)`
  );
}

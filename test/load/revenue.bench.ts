/**
 * The revenue part of `pnpm bench`: how many gap decompositions, deal attributions and pace
 * summaries one core does per second. The goal summary calls the first two once per request,
 * so they must stay far below its 20 ms budget; attribution runs per deal, hence the
 * 1,000-deal figure.
 */
import {
  ATTRIBUTION_MODELS,
  attributeDeals,
  attributeDealsAllModels,
  decomposeGap,
  MS_PER_DAY,
  summarizePace,
  type Touchpoint,
  type WonDeal,
} from "../../api/src/revenue/index";

const CHANNELS = [
  "paid_search",
  "paid_social",
  "email",
  "webinar",
  "seo",
  "events",
  "partner",
  "direct",
];

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same work. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function makeDeals(count: number, next: () => number): WonDeal[] {
  const deals: WonDeal[] = [];
  for (let index = 0; index < count; index++) {
    const leadCreatedAt = Math.floor(next() * 60 * MS_PER_DAY);
    const createdAt = leadCreatedAt + Math.floor(next() * 20 * MS_PER_DAY);
    const closedAt = createdAt + Math.floor(next() * 40 * MS_PER_DAY);
    const touchCount = 1 + Math.floor(next() * 12);
    const touchpoints: Touchpoint[] = [];
    for (let t = 0; t < touchCount; t++) {
      touchpoints.push({
        channel: CHANNELS[Math.floor(next() * CHANNELS.length)] ?? "direct",
        occurredAt: Math.floor(next() * (closedAt + 5 * MS_PER_DAY)),
        seq: index * 100 + t,
      });
    }
    deals.push({
      id: `deal-${index}`,
      amount: 100_000 + Math.floor(next() * 10_000_000),
      createdAt,
      closedAt,
      leadCreatedAt,
      touchpoints,
    });
  }
  return deals;
}

/** Runs `work` repeatedly for at least `minMs` and returns operations per second. */
function measure(work: () => unknown, operationsPerCall: number, minMs: number): number {
  for (let warm = 0; warm < 20; warm++) work();
  let calls = 0;
  let sink: unknown;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    sink = work();
    calls += 1;
    elapsed = performance.now() - started;
  }
  // Keeps the optimiser from dropping the work as dead code.
  if (sink === Symbol.for("never")) console.log(sink);
  return (calls * operationsPerCall * 1_000) / elapsed;
}

export interface RevenueFigures {
  rows: { label: string; perSecond: number; unit: string }[];
  /** Microseconds of model work per summary request: one pace summary, one decomposition. */
  perSummaryMicros: number;
  /** Milliseconds of one 1,000-deal attribution under all seven models. */
  allModelsMs: number;
}

export function benchRevenueModel(minMs: number): RevenueFigures {
  const next = random(20_240_101);
  const funnels = Array.from({ length: 1_000 }, () => {
    const leads = 1 + Math.floor(next() * 5_000);
    const mqls = Math.floor(leads * (0.1 + next() * 0.4));
    const sqls = Math.floor(mqls * (0.1 + next() * 0.5));
    const wins = Math.floor(sqls * (0.1 + next() * 0.4));
    return { leads, mqls, sqls, wins, revenue: wins * (100_000 + Math.floor(next() * 5_000_000)) };
  });
  const plan = { leads: 2_000, mqls: 500, sqls: 150, wins: 40, revenue: 40_000_000 };
  const deals = makeDeals(1_000, next);
  const rows: RevenueFigures["rows"] = [];
  const decompositions = measure(
    () => funnels.map((actual) => decomposeGap(plan, actual)),
    funnels.length,
    minMs,
  );
  rows.push({
    label: "gap decompositions (5 factors)",
    perSecond: decompositions,
    unit: "decompositions",
  });
  const paces = measure(
    () =>
      summarizePace({
        period: { startsOn: "2024-01-01", endsOn: "2024-03-31" },
        asOf: "2024-02-14",
        target: 40_000_000,
        actual: 17_000_000,
        openPipeline: 60_000_000,
      }),
    1,
    minMs,
  );
  rows.push({ label: "pace summaries (linear)", perSecond: paces, unit: "summaries" });
  for (const model of ATTRIBUTION_MODELS) {
    rows.push({
      label: `attributions, ${model}`,
      perSecond: measure(() => attributeDeals(deals, model), deals.length, minMs),
      unit: "deals",
    });
  }
  const allModels = measure(() => attributeDealsAllModels(deals), 1, minMs);
  rows.push({
    label: "1,000-deal attributions under all 7 models",
    perSecond: allModels,
    unit: "runs",
  });
  rows.push({
    label: "deal attributions (all models, per deal × model)",
    perSecond: allModels * deals.length * ATTRIBUTION_MODELS.length,
    unit: "attributions",
  });
  return {
    rows,
    perSummaryMicros: 1e6 / decompositions + 1e6 / paces,
    allModelsMs: 1_000 / allModels,
  };
}

/**
 * Micro-benchmark of the revenue model: how many gap decompositions, deal attributions and
 * pace summaries one core does per second. Run: node --import tsx api/bench/revenue.bench.ts
 * The goal summary calls each of these once per request, so they must stay far below its 20 ms
 * budget; attribution runs per deal, hence the 1,000-deal figure.
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
} from "../src/revenue/index";

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
const MIN_DURATION_MS = 1_000;

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

/** Runs `work` repeatedly for at least MIN_DURATION_MS and returns operations per second. */
function measure(work: () => unknown, operationsPerCall: number): number {
  for (let warm = 0; warm < 20; warm++) work();
  let calls = 0;
  let sink: unknown;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < MIN_DURATION_MS) {
    sink = work();
    calls += 1;
    elapsed = performance.now() - started;
  }
  // Keeps the optimiser from dropping the work as dead code.
  if (sink === Symbol.for("never")) console.log(sink);
  return (calls * operationsPerCall * 1_000) / elapsed;
}

const format = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const report = (label: string, perSecond: number, unit: string): void => {
  console.log(`${label.padEnd(48)} ${format.format(perSecond).padStart(12)} ${unit}/s`);
};

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

console.log(
  `revenue model micro-benchmark (node ${process.version}, >= ${MIN_DURATION_MS} ms each)`,
);
report(
  "gap decompositions (5 factors)",
  measure(() => funnels.map((actual) => decomposeGap(plan, actual)), funnels.length),
  "decompositions",
);
report(
  "pace summaries (linear)",
  measure(
    () =>
      summarizePace({
        period: { startsOn: "2024-01-01", endsOn: "2024-03-31" },
        asOf: "2024-02-14",
        target: 40_000_000,
        actual: 17_000_000,
        openPipeline: 60_000_000,
      }),
    1,
  ),
  "summaries",
);
for (const model of ATTRIBUTION_MODELS) {
  report(
    `attributions, ${model}`,
    measure(() => attributeDeals(deals, model), deals.length),
    "deals",
  );
}
const allModels = measure(() => attributeDealsAllModels(deals), 1);
report("1,000-deal attributions under all 7 models", allModels, "runs");
report(
  "deal attributions (all models, per deal x model)",
  allModels * deals.length * ATTRIBUTION_MODELS.length,
  "attributions",
);
console.log(`=> one 1,000-deal, 7-model attribution takes ${(1_000 / allModels).toFixed(2)} ms`);

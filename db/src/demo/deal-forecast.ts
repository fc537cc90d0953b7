import type { forecastCategories } from "../schema/funnel";
import type { DealJourney } from "./journey";
import type { Rng } from "./prng";

const DAY = 24 * 3600;

export type ForecastCategory = (typeof forecastCategories)[number];

export interface DealCall {
  forecastCategory: ForecastCategory;
  /** Epoch seconds, or null on a closed deal (the CRM keeps the close date instead). */
  expectedCloseAt: number | null;
}

/**
 * How the demo's reps call a deal: closed deals are commit (won) or omitted (lost); an open
 * deal is called from what will become of it, with the noise of a real rep: most deals that
 * will be won are commit or best case, most that will be lost are pipeline, and stale deals
 * are mostly omitted. The expected close is the real one give or take a week or two, and a
 * stale deal's is long past, as real CRMs are full of. Drawn from its own random stream so
 * the other facts of the demo stay as they were.
 */
export function dealCall(deal: DealJourney, rng: Rng): DealCall {
  if (deal.status === "won") return { forecastCategory: "commit", expectedCloseAt: null };
  if (deal.status === "lost") return { forecastCategory: "omitted", expectedCloseAt: null };
  const { fate } = deal;
  if (fate === null) {
    return {
      forecastCategory: rng.weighted([
        { value: "omitted", weight: 0.6 },
        { value: "pipeline", weight: 0.4 },
      ]),
      expectedCloseAt: deal.createdAt + rng.int(20, 45) * DAY,
    };
  }
  const forecastCategory = rng.weighted<ForecastCategory>(
    fate.won
      ? [
          { value: "commit", weight: 0.5 },
          { value: "best_case", weight: 0.3 },
          { value: "pipeline", weight: 0.2 },
        ]
      : [
          { value: "commit", weight: 0.1 },
          { value: "best_case", weight: 0.25 },
          { value: "pipeline", weight: 0.5 },
          { value: "omitted", weight: 0.15 },
        ],
  );
  const slipDays = rng.normal() * 10;
  return { forecastCategory, expectedCloseAt: fate.closeAt + Math.round(slipDays * DAY) };
}

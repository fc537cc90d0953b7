import type { ForecastCategory } from "./deal-forecast";
import type { DealJourney } from "./journey";
import type { Rng } from "./prng";

const DAY = 24 * 3600;

/** A deal's category from `at` on (epoch seconds), as a daily CRM sync would have seen it. */
export interface CategorySpan {
  at: number;
  category: ForecastCategory;
}

/**
 * How the demo's reps move a deal through the forecast categories while it is open (decision
 * 043): pipeline when created; a deal that will be won goes to best case around a third to
 * half of its life and, most of the time, to commit in its last fifth; a deal that will be lost
 * is less often promoted and is often dropped to omitted late; a stale deal nobody closes goes
 * to omitted after three to six weeks. Only the changes before the deal closes and before the
 * demo's cutoff are recorded: nothing after the cutoff has been seen. Drawn from its own random
 * stream so the other facts stay as they were.
 */
export function categorySpans(deal: DealJourney, cutoffSec: number, rng: Rng): CategorySpan[] {
  const ends = Math.min(deal.closedAt ?? cutoffSec, cutoffSec);
  const spans: CategorySpan[] = [{ at: deal.createdAt, category: "pipeline" }];
  const outcome =
    deal.status === "won"
      ? { won: true, closeAt: deal.closedAt ?? ends }
      : deal.status === "lost"
        ? { won: false, closeAt: deal.closedAt ?? ends }
        : deal.fate;
  const at = (share: number) => {
    const life = (outcome?.closeAt ?? deal.createdAt) - deal.createdAt;
    return deal.createdAt + Math.round(share * life);
  };
  if (outcome === null) {
    spans.push({ at: deal.createdAt + rng.int(21, 42) * DAY, category: "omitted" });
  } else if (outcome.won) {
    spans.push({ at: at(0.3 + 0.2 * rng.next()), category: "best_case" });
    if (rng.chance(0.85)) spans.push({ at: at(0.8 + 0.15 * rng.next()), category: "commit" });
  } else {
    if (rng.chance(0.35)) {
      spans.push({ at: at(0.3 + 0.3 * rng.next()), category: "best_case" });
      if (rng.chance(0.3)) spans.push({ at: at(0.75 + 0.1 * rng.next()), category: "commit" });
    }
    if (rng.chance(0.4)) spans.push({ at: at(0.88 + 0.1 * rng.next()), category: "omitted" });
  }
  return spans.filter((span) => span.at < ends);
}

import type { Status } from "../components/ui/status-badge";
import type { Formatters } from "./format";

export interface Verdict {
  words: string;
  tone: Status;
}

/** A finished period's result against its target: "Met, $12,000 over" or "Missed by $40,000". */
export function resultVerdict(actual: number, target: number, format: Formatters): Verdict {
  const over = actual - target;
  if (over >= 0) {
    return { words: over === 0 ? "Met" : `Met, ${format.money(over)} over`, tone: "on_track" };
  }
  return { words: `Missed by ${format.money(-over)}`, tone: "off_track" };
}

/**
 * A closed period is judged by its result, not its pace. Null while the period runs, and for a
 * look back at a day inside it (that day's pace is what it shows).
 */
export function closedVerdict(
  summary: { goal: { endsOn: string }; asOf: string; actual: number; target: number },
  today: string,
  format: Formatters,
): Verdict | null {
  if (!(summary.goal.endsOn < today) || summary.asOf < summary.goal.endsOn) return null;
  return resultVerdict(summary.actual, summary.target, format);
}

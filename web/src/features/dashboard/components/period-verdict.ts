import type { Status } from "../../../components/ui/status-badge";
import type { Formatters } from "../../../lib/format";
import type { GoalSummary } from "../api/summary";

/**
 * A closed period is judged by its result, not its pace: "Met, $12,000 over" or "Missed by
 * $40,000". Null while the period runs, and for a look back at a day inside it (that day's
 * pace is what it shows).
 */
export function closedVerdict(
  summary: GoalSummary,
  today: string,
  format: Formatters,
): { words: string; tone: Status } | null {
  const { goal } = summary;
  if (!(goal.endsOn < today) || summary.asOf < goal.endsOn) return null;
  const over = summary.actual - summary.target;
  if (over >= 0) {
    return {
      words: over === 0 ? "Met" : `Met, ${format.money(over)} over`,
      tone: "on_track",
    };
  }
  return { words: `Missed by ${format.money(-over)}`, tone: "off_track" };
}

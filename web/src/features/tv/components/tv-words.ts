import type { LiveSummary } from "../api/live-summary";

export type Status = LiveSummary["status"];
export type Tone = "positive" | "warning" | "negative" | "neutral";

export const statusWords: Record<Status, string> = {
  on_track: "On track",
  at_risk: "At risk",
  off_track: "Off track",
  not_started: "No data yet",
};

export const statusTone: Record<Status, Tone> = {
  on_track: "positive",
  at_risk: "warning",
  off_track: "negative",
  not_started: "neutral",
};

/** "paid_search" -> "Paid search": channels as people say them. */
export function channelWords(channel: string): string {
  const spaced = channel.replaceAll(/[_-]+/g, " ").trim();
  return spaced ? spaced.charAt(0).toUpperCase() + spaced.slice(1) : "(none)";
}

/**
 * Check-ins with both teams in view: each team's latest comes first (newest first), then the
 * rest by time, so whatever fits on the screen never shows one team only.
 */
export function bothTeams<T extends { id: string; team: { id: string } }>(
  feed: T[],
  limit: number,
): T[] {
  const seen = new Set<string>();
  const leads: T[] = [];
  const rest: T[] = [];
  for (const item of feed) {
    if (seen.has(item.team.id)) rest.push(item);
    else {
      seen.add(item.team.id);
      leads.push(item);
    }
  }
  return [...leads, ...rest].slice(0, limit);
}

/** The feed with one check-in per key result, its newest (the feed is newest first). */
export function latestPerKeyResult<T extends { keyResultId: string }>(feed: T[]): T[] {
  const seen = new Set<string>();
  return feed.filter((item) => {
    if (seen.has(item.keyResultId)) return false;
    seen.add(item.keyResultId);
    return true;
  });
}

/** A key result's unit and target, for "712 of 1,310". */
export interface KeyResultGoal {
  unit: "count" | "percent" | "currency" | "duration";
  start: number;
  target: number;
}

/**
 * A check-in's value against its key result's target: "712 of 1,310" when more is better,
 * "9.3 h, target 4 h" when less is (the target sits below the start).
 */
export function valueOfTarget(
  value: string,
  target: string,
  goal: Pick<KeyResultGoal, "start" | "target">,
): string {
  return goal.target < goal.start ? `${value}, target ${target}` : `${value} of ${target}`;
}

/** "5 s ago", "3 min ago", "2 h ago", "4 days ago": how old the numbers on the screen are. */
export function agoWords(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

/** A stream event id is `<milliseconds>-<content hash>`: the time part is when the numbers changed. */
export function changedAtFromEventId(id: string): number | null {
  const match = /^(\d{1,16})-[0-9a-f]{16}$/.exec(id);
  return match ? Number(match[1]) : null;
}

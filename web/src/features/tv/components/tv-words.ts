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

/**
 * Hierarchical query keys: everything about a goal sits under ["goals", id], so one
 * invalidation by prefix refreshes its summary, key results, lead quality and attribution.
 */
export const queryKeys = {
  session: ["session"] as const,
  me: ["me"] as const,
  goals: {
    all: ["goals"] as const,
    list: () => ["goals", "list"] as const,
    detail: (goalId: string) => ["goals", goalId] as const,
    goal: (goalId: string) => ["goals", goalId, "goal"] as const,
    summaries: (goalId: string) => ["goals", goalId, "summary"] as const,
    summary: (goalId: string, asOf: string | null) =>
      ["goals", goalId, "summary", asOf ?? "today"] as const,
    keyResults: (goalId: string) => ["goals", goalId, "key-results"] as const,
    archivedKeyResults: (goalId: string) => ["goals", goalId, "key-results", "archived"] as const,
    leadQuality: (goalId: string) => ["goals", goalId, "lead-quality"] as const,
    attribution: (goalId: string) => ["goals", goalId, "attribution"] as const,
    forecast: (goalId: string, asOf: string | null) =>
      ["goals", goalId, "forecast", asOf ?? "today"] as const,
    forecastHistory: (goalId: string) => ["goals", goalId, "forecast-history"] as const,
    calls: (goalId: string) => ["goals", goalId, "calls"] as const,
  },
  keyResults: {
    all: ["key-results"] as const,
    checkIns: (keyResultId: string) => ["key-results", keyResultId, "check-ins"] as const,
  },
  settings: {
    teams: ["teams"] as const,
    members: ["members"] as const,
    apiKeys: ["api-keys"] as const,
    displays: ["displays"] as const,
    audit: ["audit"] as const,
    serverAddresses: ["server-addresses"] as const,
    sessions: ["sessions"] as const,
    notificationPreferences: ["notification-preferences"] as const,
    chatChannels: ["chat-channels"] as const,
    outbox: ["outbox"] as const,
    sso: ["sso"] as const,
  },
};

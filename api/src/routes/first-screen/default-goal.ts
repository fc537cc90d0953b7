/**
 * The goal a screen shows when none is asked for: the current period's, else the next one to
 * start, else the last to have ended. The web app chooses the same way (features/goals/api/goals.ts
 * defaultGoal) and checks the first screen's choice before using it.
 */
export function defaultGoal<G extends { startsOn: string; endsOn: string }>(
  goals: readonly G[],
  today: string,
): G | undefined {
  const current = goals.find((g) => g.startsOn <= today && today <= g.endsOn);
  if (current) return current;
  const upcoming = goals
    .filter((g) => g.startsOn > today)
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn))[0];
  if (upcoming) return upcoming;
  return [...goals].sort((a, b) => b.endsOn.localeCompare(a.endsOn))[0];
}

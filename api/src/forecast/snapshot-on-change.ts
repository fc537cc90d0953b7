import type { DbOrTx } from "@tandem/db";
import { goalsAwaitingTodaysSnapshot } from "@tandem/db/queries/forecast-history";
import type { GoalRow } from "@tandem/db/queries/goals";
import type { Logger } from "../lib/logger";
import { describeError } from "../lib/redact";
import { addCalendarDays } from "../revenue";
import { startOfDayIn, todayIn } from "../summary/org-calendar";
import { recordTodaysForecast } from "./forecast-snapshots";

export interface SnapshotOnChange {
  /** A change committed in this process: today's snapshots it makes due are recorded. */
  changed(orgId: string, newGoal: boolean): void;
  /** Waits for what is under way (shutdown). */
  idle(): Promise<void>;
}

/**
 * The day's forecast snapshot is stored at the first request or change of the day (decision
 * 040), whether or not a live stream is open: after a change, each goal of the organization
 * whose period holds today and has no snapshot for today gets one. Once an organization's goals
 * are recorded, its later changes of the day cost nothing but a look at a clock; a new goal
 * looks again. Only the process that made the change does it (the insert is idempotent anyway).
 */
export function createSnapshotOnChange(
  db: DbOrTx,
  logger: Logger,
  /**
   * Computes today's forecast, which records it as the day's snapshot; the live hub passes its
   * cached forecast, so the screens that follow the change find it computed.
   */
  forecastToday: (goal: GoalRow, timezone: string) => Promise<unknown> = (goal, timezone) =>
    recordTodaysForecast(db, goal, timezone),
): SnapshotOnChange {
  /** orgId -> until when today's snapshots are known to be stored (its next midnight). */
  const doneUntil = new Map<string, number>();
  /** orgId -> the run under way, and whether another change came during it. */
  const running = new Map<string, { done: Promise<void>; again: boolean }>();

  async function record(orgId: string): Promise<void> {
    const due = await goalsAwaitingTodaysSnapshot(db, orgId);
    if (!due) return;
    for (const goal of due.goals) await forecastToday(goal, due.timezone);
    const tomorrow = addCalendarDays(todayIn(due.timezone), 1);
    doneUntil.set(orgId, startOfDayIn(tomorrow, due.timezone).getTime());
  }

  function start(orgId: string): void {
    const run = { done: Promise.resolve(), again: false };
    run.done = (async () => {
      do {
        run.again = false;
        try {
          await record(orgId);
        } catch (error) {
          // A missed snapshot is replayed later from the rollups (decision 040): logged only.
          logger.warn("forecast: today's snapshot not recorded", {
            orgId,
            error: describeError(error),
          });
        }
      } while (run.again);
      running.delete(orgId);
    })();
    running.set(orgId, run);
  }

  return {
    changed(orgId, newGoal) {
      if (!newGoal && (doneUntil.get(orgId) ?? 0) > Date.now()) return;
      const run = running.get(orgId);
      if (run) run.again = true;
      else start(orgId);
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running.values()].map((r) => r.done));
    },
  };
}

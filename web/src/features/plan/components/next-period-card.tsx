import { useQuery } from "@tanstack/react-query";
import { Card } from "../../../components/ui/card";
import { ProblemMessage } from "../../../components/ui/states";
import type { Formatters } from "../../../lib/format";
import { plural } from "../../../lib/words";
import { keyResultsQuery } from "../../check-ins/api/check-ins";
import { followingGoal, type Goal, useCreateNextGoal } from "../../goals/api/goals";

/**
 * Next quarter's goal in one step: the same length of period right after this one, with this
 * plan and these key results copied (decision 037), ready to adjust here once created.
 */
export function NextPeriodCard({
  goal,
  goals,
  format,
  onOpen,
}: {
  goal: Goal;
  goals: readonly Goal[];
  format: Formatters;
  onOpen: (goalId: string) => void;
}) {
  const create = useCreateNextGoal(goal.id);
  const next = followingGoal(goals, goal);
  const keyResults = useQuery({ ...keyResultsQuery(goal.id), enabled: !next });
  const count = keyResults.data?.length ?? 0;
  return (
    <Card span={12} title="Next period" description="Each period has its own shared goal.">
      {next ? (
        <div className="row">
          <p>
            <strong>{next.name}</strong> ({format.day(next.startsOn)} – {format.day(next.endsOn)})
            is set, with a target of {format.money(next.target)}.
          </p>
          <button type="button" className="button small" onClick={() => onOpen(next.id)}>
            Open {next.name}
          </button>
        </div>
      ) : (
        <div className="form-stack">
          <p>
            Create the goal of the period after {format.day(goal.endsOn)} from this one: the same
            length, this target of {format.money(goal.target)} and this plan, to adjust then.
          </p>
          <p>
            {count === 0
              ? "It starts with no key results: each team adds its own."
              : `Its ${plural(count, "key result")} ${count === 1 ? "comes" : "come"} along: the same teams, metrics and targets, starting afresh with no check-ins. Archived ones stay behind.`}
          </p>
          <ProblemMessage error={create.error} />
          <div className="row">
            <button
              type="button"
              className="button primary"
              disabled={create.isPending}
              onClick={() =>
                create.mutate(undefined, { onSuccess: (created) => onOpen(created.id) })
              }
            >
              {create.isPending ? "Creating…" : "Create next period's goal"}
            </button>
          </div>
        </div>
      )}
    </Card>
  );
}

import { defaultGoal } from "@tandem/api/revenue";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { useSearchParams } from "react-router";
import { api, call, ifMatch } from "../../../lib/api";
import { todayIn } from "../../../lib/format";
import { queryKeys } from "../../../lib/query-keys";

export type Goal = InferResponseType<(typeof api.v1.goals)[":id"]["$get"], 200>;
export type NewGoal = InferRequestType<typeof api.v1.goals.$post>["json"];
export type GoalChanges = InferRequestType<(typeof api.v1.goals)[":id"]["$patch"]>["json"];

export const goalsQuery = queryOptions({
  queryKey: queryKeys.goals.list(),
  queryFn: async () => (await call(api.v1.goals.$get())).goals,
});

export const goalQuery = (goalId: string) =>
  queryOptions({
    queryKey: queryKeys.goals.goal(goalId),
    queryFn: () => call(api.v1.goals[":id"].$get({ param: { id: goalId } })),
  });

/**
 * The goal a page shows: `?goal=` when it names one of ours, else the current period's.
 * Every screen reads the same parameter, so the choice follows the reader between screens.
 */
export function useCurrentGoal(timezone: string) {
  const goals = useQuery(goalsQuery);
  const [params, setParams] = useSearchParams();
  const requested = params.get("goal");
  const list = goals.data ?? [];
  const goal = list.find((g) => g.id === requested) ?? defaultGoal(list, todayIn(timezone)) ?? null;
  const select = (goalId: string) => {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.set("goal", goalId);
        return next;
      },
      { replace: true },
    );
  };
  return { goals, goal, select };
}

export function useCreateGoal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewGoal) => call(api.v1.goals.$post({ json: body })),
    onSuccess: (goal) => {
      queryClient.setQueryData(queryKeys.goals.goal(goal.id), goal);
      return queryClient.invalidateQueries({ queryKey: queryKeys.goals.list() });
    },
  });
}

/**
 * Saves changes on top of the version the reader saw; a change by someone else in between
 * answers 412, which the caller shows in words with a way to reload.
 */
export function usePatchGoal(goalId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, changes }: { version: number; changes: GoalChanges }) =>
      call(
        api.v1.goals[":id"].$patch({
          param: { id: goalId },
          json: changes,
          header: ifMatch(version),
        }),
      ),
    onSuccess: (goal) => {
      queryClient.setQueryData(queryKeys.goals.goal(goalId), goal);
      queryClient.setQueryData(queryKeys.goals.list(), (old: Goal[] | undefined) =>
        old?.map((g) => (g.id === goal.id ? goal : g)),
      );
      // The summary, key results and the rest depend on the plan: refresh all under the goal.
      return queryClient.invalidateQueries({ queryKey: queryKeys.goals.detail(goalId) });
    },
  });
}

/** The goal of the period just before this one, if the organization had one. */
export function previousGoal(goals: readonly Goal[], goal: Goal): Goal | undefined {
  return goals
    .filter((g) => g.endsOn < goal.startsOn)
    .sort((a, b) => b.endsOn.localeCompare(a.endsOn))[0];
}

/** The goal whose period starts right after this one's, if it exists already. */
export function followingGoal(goals: readonly Goal[], goal: Goal): Goal | undefined {
  return goals
    .filter((g) => g.startsOn > goal.endsOn)
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn))[0];
}

/** The next period's goal from this one: the API copies the plan, pacing and thresholds. */
export function useCreateNextGoal(goalId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.v1.goals[":id"].next.$post({ param: { id: goalId }, json: {} })),
    onSuccess: (goal) => {
      queryClient.setQueryData(queryKeys.goals.goal(goal.id), goal);
      return queryClient.invalidateQueries({ queryKey: queryKeys.goals.list() });
    },
  });
}

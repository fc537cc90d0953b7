import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, call } from "../../../lib/api";
import { queryKeys } from "../../../lib/query-keys";

type SummaryEndpoint = (typeof api.v1.goals)[":id"]["summary"]["$get"];
export type GoalSummary = InferResponseType<SummaryEndpoint, 200>;
export type KeyResultView = GoalSummary["keyResults"][number];
export type CheckInView = GoalSummary["checkIns"][number];
export type FunnelView = GoalSummary["funnel"]["plan"];

/** The goal's summary as of a day (null: today in the organization's timezone). */
export const summaryQuery = (goalId: string, asOf: string | null) =>
  queryOptions({
    queryKey: queryKeys.goals.summary(goalId, asOf),
    queryFn: () =>
      call(
        api.v1.goals[":id"].summary.$get({
          param: { id: goalId },
          query: asOf ? { asOf } : {},
        }),
      ),
    // Moving the date keeps the last answer on screen instead of flashing a skeleton.
    placeholderData: keepPreviousData,
  });

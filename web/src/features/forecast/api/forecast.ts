import { keepPreviousData, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, call, ifMatch } from "../../../lib/api";
import { queryKeys } from "../../../lib/query-keys";

type ForecastEndpoint = (typeof api.v1.goals)[":id"]["forecast"]["$get"];
type HistoryEndpoint = (typeof api.v1.goals)[":id"]["forecast"]["history"]["$get"];
type CallsEndpoint = (typeof api.v1.goals)[":id"]["calls"]["$get"];
type NewCallEndpoint = (typeof api.v1.goals)[":id"]["calls"]["$post"];

export type Forecast = InferResponseType<ForecastEndpoint, 200>;
export type ForecastHistory = InferResponseType<HistoryEndpoint, 200>;
export type ForecastPoint = ForecastHistory["points"][number];
export type Calls = InferResponseType<CallsEndpoint, 200>;
export type CallingTeam = Calls["teams"][number];
export type NewCall = InferRequestType<NewCallEndpoint>["json"];

/** The goal's forecast as of a day (null: today in the organization's timezone). */
export const forecastQuery = (goalId: string, asOf: string | null) =>
  queryOptions({
    queryKey: queryKeys.goals.forecast(goalId, asOf),
    queryFn: () =>
      call(
        api.v1.goals[":id"].forecast.$get({ param: { id: goalId }, query: asOf ? { asOf } : {} }),
      ),
    placeholderData: keepPreviousData,
  });

export const forecastHistoryQuery = (goalId: string) =>
  queryOptions({
    queryKey: queryKeys.goals.forecastHistory(goalId),
    queryFn: () => call(api.v1.goals[":id"].forecast.history.$get({ param: { id: goalId } })),
  });

export const callsQuery = (goalId: string) =>
  queryOptions({
    queryKey: queryKeys.goals.calls(goalId),
    queryFn: () => call(api.v1.goals[":id"].calls.$get({ param: { id: goalId } })),
  });

/** A team's call on top of the team's calls the lead saw (412 when someone called since). */
export function useCreateCall(goalId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ team, body }: { team: CallingTeam; body: NewCall }) =>
      call(
        api.v1.goals[":id"].calls.$post({
          param: { id: goalId },
          json: body,
          header: ifMatch(team.version),
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.goals.detail(goalId) }),
  });
}

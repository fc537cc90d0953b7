import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, call } from "../../../lib/api";
import { queryKeys } from "../../../lib/query-keys";

export type Team = InferResponseType<typeof api.v1.teams.$get, 200>["teams"][number];
export type NewTeam = InferRequestType<typeof api.v1.teams.$post>["json"];
export type TeamFunction = Team["function"];

export const teamFunctionLabels: Record<TeamFunction, string> = {
  marketing: "Marketing",
  sales: "Sales",
  customer_success: "Customer success",
  other: "Other",
};

export const teamsQuery = queryOptions({
  queryKey: queryKeys.settings.teams,
  queryFn: async () => (await call(api.v1.teams.$get())).teams,
});

export function useCreateTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewTeam) => call(api.v1.teams.$post({ json: body })),
    onSuccess: (team) => {
      queryClient.setQueryData(teamsQuery.queryKey, (old) =>
        [...(old ?? []), team].sort((a, b) => a.name.localeCompare(b.name)),
      );
    },
  });
}

import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, call } from "../../../lib/api";
import { queryKeys } from "../../../lib/query-keys";

export type Display = InferResponseType<typeof api.v1.displays.$get, 200>["items"][number];
export type NewDisplay = InferRequestType<typeof api.v1.displays.$post>["json"];

export const displaysQuery = queryOptions({
  queryKey: queryKeys.settings.displays,
  queryFn: async () => (await call(api.v1.displays.$get({ query: { limit: "100" } }))).items,
});

/** The response holds the screen's secret link, shown once. */
export function useCreateDisplay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewDisplay) => call(api.v1.displays.$post({ json: body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: displaysQuery.queryKey }),
  });
}

export function useRevokeDisplay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.v1.displays[":id"].$delete({ param: { id } })),
    onSuccess: (_nothing, id) => {
      queryClient.setQueryData(displaysQuery.queryKey, (old) => old?.filter((d) => d.id !== id));
    },
  });
}

import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, call } from "../../../lib/api";
import { queryKeys } from "../../../lib/query-keys";

export type ApiKey = InferResponseType<(typeof api.v1)["api-keys"]["$get"], 200>["items"][number];
export type CreatedApiKey = InferResponseType<(typeof api.v1)["api-keys"]["$post"], 201>;

export const apiKeysQuery = queryOptions({
  queryKey: queryKeys.settings.apiKeys,
  queryFn: async () => (await call(api.v1["api-keys"].$get({ query: { limit: "100" } }))).items,
});

/** The response holds the secret, shown once; the list keeps only what is safe to show. */
export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      call(api.v1["api-keys"].$post({ json: { name, scope: "ingest" } })),
    onSuccess: ({ token: _secret, ...key }) => {
      queryClient.setQueryData(apiKeysQuery.queryKey, (old) => [key, ...(old ?? [])]);
    },
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.v1["api-keys"][":id"].$delete({ param: { id } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysQuery.queryKey }),
  });
}

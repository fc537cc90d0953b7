import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, call, ifMatch } from "../../../lib/api";
import { queryKeys } from "../../../lib/query-keys";

export const ssoQuery = queryOptions({
  queryKey: queryKeys.settings.sso,
  queryFn: () => call(api.v1.sso.$get()),
});

export type SsoSettings = InferResponseType<typeof api.v1.sso.$get, 200>;
export type SsoInput = InferRequestType<typeof api.v1.sso.$put>["json"];

/** Saves with the version last read; someone else's save in between answers 412 in words. */
export function useSaveSso() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, settings }: { version: number; settings: SsoInput }) =>
      call(api.v1.sso.$put({ json: settings, header: ifMatch(version) })),
    onSuccess: (saved) => queryClient.setQueryData(ssoQuery.queryKey, saved),
  });
}

/** Reads the provider's discovery document, as saving will. */
export function useTestSso() {
  return useMutation({
    mutationFn: (discoveryUrl: string) => call(api.v1.sso.test.$post({ json: { discoveryUrl } })),
  });
}

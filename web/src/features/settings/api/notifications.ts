import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, call } from "../../../lib/api";
import { queryKeys } from "../../../lib/query-keys";

export type Preferences = InferResponseType<
  (typeof api.v1)["notification-preferences"]["$get"],
  200
>;
export type ChatChannel = InferResponseType<
  (typeof api.v1)["chat-channels"]["$get"],
  200
>["channels"][number];
export type NewChatChannel = InferRequestType<(typeof api.v1)["chat-channels"]["$post"]>["json"];
export type OutboxMessage = InferResponseType<
  (typeof api.v1)["outbox"]["$get"],
  200
>["messages"][number];

export const preferencesQuery = queryOptions({
  queryKey: queryKeys.settings.notificationPreferences,
  queryFn: () => call(api.v1["notification-preferences"].$get()),
});

export function useUpdatePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Partial<Preferences>) =>
      call(api.v1["notification-preferences"].$patch({ json: changes })),
    // The box shows the choice at once; a refusal puts back what the server holds.
    onMutate: (changes) => {
      const before = queryClient.getQueryData(preferencesQuery.queryKey);
      if (before) queryClient.setQueryData(preferencesQuery.queryKey, { ...before, ...changes });
      return { before };
    },
    onError: (_error, _changes, context) => {
      if (context?.before) queryClient.setQueryData(preferencesQuery.queryKey, context.before);
    },
    onSuccess: (preferences) => queryClient.setQueryData(preferencesQuery.queryKey, preferences),
  });
}

export const chatChannelsQuery = queryOptions({
  queryKey: queryKeys.settings.chatChannels,
  queryFn: async () => (await call(api.v1["chat-channels"].$get())).channels,
});

export function useCreateChatChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (channel: NewChatChannel) => call(api.v1["chat-channels"].$post({ json: channel })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: chatChannelsQuery.queryKey }),
  });
}

export function useTestChatChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.v1["chat-channels"][":id"].test.$post({ param: { id } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: chatChannelsQuery.queryKey }),
  });
}

export function useDeleteChatChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.v1["chat-channels"][":id"].$delete({ param: { id } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: chatChannelsQuery.queryKey }),
  });
}

export const outboxQuery = queryOptions({
  queryKey: queryKeys.settings.outbox,
  queryFn: () => call(api.v1.outbox.$get()),
});

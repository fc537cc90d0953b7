import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, call } from "../../../lib/api";
import { queryKeys } from "../../../lib/query-keys";

export const sessionsQuery = queryOptions({
  queryKey: queryKeys.settings.sessions,
  queryFn: async () => (await call(api.v1.sessions.$get())).sessions,
});

/** Ends another of the caller's sessions (this browser's ends by signing out). */
export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.v1.sessions[":id"].$delete({ param: { id } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsQuery.queryKey }),
  });
}

export function useEndOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.v1.sessions.$delete()),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsQuery.queryKey }),
  });
}

/** An owner signs a member out everywhere; their open streams close too. */
export function useSignMemberOut() {
  return useMutation({
    mutationFn: (memberId: string) =>
      call(api.v1.members[":id"].sessions.$delete({ param: { id: memberId } })),
  });
}

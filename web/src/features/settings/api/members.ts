import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, call } from "../../../lib/api";
import { queryKeys } from "../../../lib/query-keys";

export type People = InferResponseType<typeof api.v1.members.$get, 200>;
export type Member = People["members"][number];
export type Invitation = People["invitations"][number];
export type Invite = InferRequestType<typeof api.v1.members.$post>["json"];
export type MemberChanges = InferRequestType<(typeof api.v1.members)[":id"]["$patch"]>["json"];

export const membersQuery = queryOptions({
  queryKey: queryKeys.settings.members,
  queryFn: () => call(api.v1.members.$get()),
});

export function useInviteMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Invite) => call(api.v1.members.$post({ json: body })),
    onSuccess: (result) => {
      queryClient.setQueryData(membersQuery.queryKey, (old) => {
        if (!old) return old;
        return { ...old, invitations: [...old.invitations, result.invitation] };
      });
    },
  });
}

export function useUpdateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: MemberChanges }) =>
      call(api.v1.members[":id"].$patch({ param: { id }, json: changes })),
    onSuccess: (member) => {
      queryClient.setQueryData(membersQuery.queryKey, (old) =>
        old ? { ...old, members: old.members.map((m) => (m.id === member.id ? member : m)) } : old,
      );
      // A role or team change can be the caller's own.
      return queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}

export function useRemoveMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.v1.members[":id"].$delete({ param: { id } })),
    onSuccess: (_result, id) => {
      queryClient.setQueryData(membersQuery.queryKey, (old) =>
        old ? { ...old, members: old.members.filter((m) => m.id !== id) } : old,
      );
    },
  });
}

import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, call } from "../../../lib/api";
import { queryKeys } from "../../../lib/query-keys";

export type Me = InferResponseType<typeof api.v1.me.$get, 200>;
export type Role = Me["role"];
export type Organization = Me["organization"];
export type NewOrganization = InferRequestType<typeof api.v1.organizations.$post>["json"];

export const meQuery = queryOptions({
  queryKey: queryKeys.me,
  queryFn: () => call(api.v1.me.$get()),
  staleTime: 5 * 60_000,
});

const roleRank: Record<Role, number> = { viewer: 0, member: 1, lead: 2, exec: 3, owner: 4 };

/** Whether a role is at least `minimum` (viewer < member < lead < exec < owner). */
export function hasRole(role: Role, minimum: Role): boolean {
  return roleRank[role] >= roleRank[minimum];
}

export const roleLabels: Record<Role, string> = {
  viewer: "Viewer",
  member: "Member",
  lead: "Team lead",
  exec: "Executive",
  owner: "Owner",
};

/** A new organization becomes the session's active one: everything cached belongs to the old. */
export function useCreateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewOrganization) => call(api.v1.organizations.$post({ json: body })),
    onSuccess: () => queryClient.resetQueries(),
  });
}

export function useSwitchOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (organizationId: string) =>
      call(api.v1.organizations.active.$post({ json: { organizationId } })),
    onSuccess: () => queryClient.resetQueries(),
  });
}

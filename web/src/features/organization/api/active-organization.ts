import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { api, call } from "../../../lib/api";
import { requestJson } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** The user's organizations, from the auth library (it answers before one is active). */
async function fetchMemberships(): Promise<{ id: string; name: string }[]> {
  const body = await requestJson("/api/auth/organization/list");
  if (!Array.isArray(body)) return [];
  return body
    .filter(isRecord)
    .flatMap((o) =>
      typeof o.id === "string"
        ? [{ id: o.id, name: typeof o.name === "string" ? o.name : "" }]
        : [],
    );
}

/**
 * A fresh session has no active organization, and every /api/v1 call needs one: when the
 * user belongs to organizations, the first is made active; when to none, `none` is true
 * and the caller offers to create one.
 */
export function useEnsureActiveOrganization(needed: boolean) {
  const queryClient = useQueryClient();
  const memberships = useQuery({
    queryKey: [...queryKeys.session, "memberships"],
    queryFn: fetchMemberships,
    enabled: needed,
  });
  const activate = useMutation({
    mutationFn: (organizationId: string) =>
      call(api.v1.organizations.active.$post({ json: { organizationId } })),
    onSuccess: () => queryClient.resetQueries(),
  });
  const first = memberships.data?.[0];
  const { mutate, isIdle } = activate;
  useEffect(() => {
    if (needed && first && isIdle) mutate(first.id);
  }, [needed, first, isIdle, mutate]);
  return {
    pending: needed && (memberships.isPending || (first !== undefined && !activate.isError)),
    none: needed && memberships.isSuccess && memberships.data.length === 0,
    error: memberships.error ?? activate.error,
  };
}

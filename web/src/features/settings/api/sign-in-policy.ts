import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, call } from "../../../lib/api";
import { queryKeys } from "../../../lib/query-keys";

/** The policy travels in /me (requireTwoFactor), so changing it refreshes /me. */
export function useSetSignInPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (requireTwoFactor: boolean) =>
      call(api.v1["sign-in-policy"].$put({ json: { requireTwoFactor } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.me }),
  });
}

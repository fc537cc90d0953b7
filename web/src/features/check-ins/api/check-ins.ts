import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, call, ifMatch } from "../../../lib/api";
import { queryKeys } from "../../../lib/query-keys";

type KeyResultsEndpoint = (typeof api.v1.goals)[":id"]["key-results"]["$get"];
type HistoryEndpoint = (typeof api.v1)["key-results"][":id"]["check-ins"]["$get"];
type CheckInEndpoint = (typeof api.v1)["key-results"][":id"]["check-ins"]["$post"];
type NewKeyResultEndpoint = (typeof api.v1.goals)[":id"]["key-results"]["$post"];

export type KeyResult = InferResponseType<KeyResultsEndpoint, 200>["keyResults"][number];
export type History = InferResponseType<HistoryEndpoint, 200>;
export type NewCheckIn = InferRequestType<CheckInEndpoint>["json"];
export type NewKeyResult = InferRequestType<NewKeyResultEndpoint>["json"];
export type FunnelMetric = NonNullable<NewKeyResult["metric"]>;

export const keyResultsQuery = (goalId: string) =>
  queryOptions({
    queryKey: queryKeys.goals.keyResults(goalId),
    queryFn: async () =>
      (await call(api.v1.goals[":id"]["key-results"].$get({ param: { id: goalId } }))).keyResults,
  });

type ArchivedEndpoint = (typeof api.v1.goals)[":id"]["key-results"]["archived"]["$get"];
export type ArchivedKeyResult = InferResponseType<ArchivedEndpoint, 200>["keyResults"][number];

export const archivedKeyResultsQuery = (goalId: string) =>
  queryOptions({
    queryKey: queryKeys.goals.archivedKeyResults(goalId),
    queryFn: async () =>
      (await call(api.v1.goals[":id"]["key-results"].archived.$get({ param: { id: goalId } })))
        .keyResults,
  });

export const historyQuery = (keyResultId: string) =>
  queryOptions({
    queryKey: queryKeys.keyResults.checkIns(keyResultId),
    queryFn: () =>
      call(api.v1["key-results"][":id"]["check-ins"].$get({ param: { id: keyResultId } })),
  });

/**
 * A check-in on top of the key result's version the lead saw. On success the key result and
 * its history are updated in place, and everything under the goal (the dashboard's summary
 * included) is refreshed.
 */
export function useCreateCheckIn(goalId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ keyResult, body }: { keyResult: KeyResult; body: NewCheckIn }) =>
      call(
        api.v1["key-results"][":id"]["check-ins"].$post({
          param: { id: keyResult.id },
          json: body,
          header: ifMatch(keyResult.version),
        }),
      ),
    onSuccess: (result) => {
      queryClient.setQueryData(keyResultsQuery(goalId).queryKey, (old) =>
        old?.map((kr) => (kr.id === result.keyResult.id ? result.keyResult : kr)),
      );
      queryClient.setQueryData(historyQuery(result.keyResult.id).queryKey, (old) =>
        old ? { keyResult: result.keyResult, checkIns: [result.checkIn, ...old.checkIns] } : old,
      );
      return queryClient.invalidateQueries({ queryKey: queryKeys.goals.detail(goalId) });
    },
  });
}

/** A new key result under the goal; it joins the list at once and the dashboard refreshes. */
export function useCreateKeyResult(goalId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewKeyResult) =>
      call(api.v1.goals[":id"]["key-results"].$post({ param: { id: goalId }, json: body })),
    onSuccess: (keyResult) => {
      queryClient.setQueryData(keyResultsQuery(goalId).queryKey, (old) => [
        ...(old ?? []),
        keyResult,
      ]);
      return queryClient.invalidateQueries({ queryKey: queryKeys.goals.summaries(goalId) });
    },
  });
}

type CheckInChangesEndpoint = (typeof api.v1)["check-ins"][":id"]["$patch"];
type KeyResultChangesEndpoint = (typeof api.v1)["key-results"][":id"]["$patch"];
export type CheckIn = History["checkIns"][number];
export type CheckInChanges = InferRequestType<CheckInChangesEndpoint>["json"];
export type KeyResultChanges = InferRequestType<KeyResultChangesEndpoint>["json"];

/**
 * After a correction the key result (whose current value is its latest check-in) and its
 * history are reloaded, and everything under the goal follows: the dashboard, the feed, and
 * through the live stream every TV.
 */
function useRefreshAfterCorrection(goalId: string) {
  const queryClient = useQueryClient();
  return (keyResultId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.keyResults.checkIns(keyResultId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.goals.detail(goalId) }),
    ]);
}

/** Corrects a check-in on top of its key result's version (decision 028). */
export function useUpdateCheckIn(goalId: string) {
  const refresh = useRefreshAfterCorrection(goalId);
  return useMutation({
    mutationFn: ({
      checkIn,
      version,
      changes,
    }: {
      checkIn: CheckIn;
      version: number;
      changes: CheckInChanges;
    }) =>
      call(
        api.v1["check-ins"][":id"].$patch({
          param: { id: checkIn.id },
          json: changes,
          header: ifMatch(version),
        }),
      ),
    onSuccess: (result) => refresh(result.keyResult.id),
  });
}

export function useDeleteCheckIn(goalId: string) {
  const refresh = useRefreshAfterCorrection(goalId);
  return useMutation({
    mutationFn: ({ checkIn, version }: { checkIn: CheckIn; version: number }) =>
      call(
        api.v1["check-ins"][":id"].$delete({ param: { id: checkIn.id }, header: ifMatch(version) }),
      ),
    onSuccess: (_, { checkIn }) => refresh(checkIn.keyResultId),
  });
}

/** Edits, archives (`archived: true`) or restores a key result on top of its version. */
export function useUpdateKeyResult(goalId: string) {
  const refresh = useRefreshAfterCorrection(goalId);
  return useMutation({
    mutationFn: ({ keyResult, changes }: { keyResult: KeyResult; changes: KeyResultChanges }) =>
      call(
        api.v1["key-results"][":id"].$patch({
          param: { id: keyResult.id },
          json: changes,
          header: ifMatch(keyResult.version),
        }),
      ),
    onSuccess: (keyResult) => refresh(keyResult.id),
  });
}

/** Brings an archived key result back (`archived: false`) on top of its version. */
export function useRestoreKeyResult(goalId: string) {
  const refresh = useRefreshAfterCorrection(goalId);
  return useMutation({
    mutationFn: (keyResult: ArchivedKeyResult) =>
      call(
        api.v1["key-results"][":id"].$patch({
          param: { id: keyResult.id },
          json: { archived: false },
          header: ifMatch(keyResult.version),
        }),
      ),
    onSuccess: (keyResult) => refresh(keyResult.id),
  });
}

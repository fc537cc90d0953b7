import { keepPreviousData, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, call } from "../../../lib/api";
import { queryKeys } from "../../../lib/query-keys";

type LeadQualityEndpoint = (typeof api.v1.goals)[":id"]["lead-quality"]["$get"];
type FeedbackEndpoint = (typeof api.v1.leads)[":externalId"]["feedback"]["$post"];

export type LeadQuality = InferResponseType<LeadQualityEndpoint, 200>;
export type LeadQualityRow = LeadQuality["rows"][number];
export type AwaitingLead = LeadQuality["awaitingVerdict"][number];
export type Feedback = InferRequestType<FeedbackEndpoint>["json"];
export type RejectionReason = NonNullable<Feedback["reason"]>;
export type GroupBy = LeadQuality["groupBy"];

export const reasonLabels: Record<RejectionReason | "unspecified", string> = {
  not_icp: "Not our ideal customer",
  no_budget: "No budget",
  bad_timing: "Bad timing",
  duplicate: "Duplicate",
  no_response: "No response",
  other: "Other",
  unspecified: "No reason given",
};

export const rejectionReasons: RejectionReason[] = [
  "not_icp",
  "no_budget",
  "bad_timing",
  "duplicate",
  "no_response",
  "other",
];

export const leadQualityQuery = (goalId: string, groupBy: GroupBy) =>
  queryOptions({
    queryKey: [...queryKeys.goals.leadQuality(goalId), groupBy],
    queryFn: () =>
      call(api.v1.goals[":id"]["lead-quality"].$get({ param: { id: goalId }, query: { groupBy } })),
    placeholderData: keepPreviousData,
  });

/** Sales' verdict on a lead; lead quality (acceptance, reasons, the awaiting list) refreshes. */
export function useLeadFeedback(goalId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ externalId, feedback }: { externalId: string; feedback: Feedback }) =>
      call(api.v1.leads[":externalId"].feedback.$post({ param: { externalId }, json: feedback })),
    onSuccess: (_saved, { externalId }) => {
      queryClient.setQueriesData<LeadQuality>(
        { queryKey: queryKeys.goals.leadQuality(goalId) },
        (old) =>
          old && {
            ...old,
            awaitingVerdict: old.awaitingVerdict.filter((l) => l.externalId !== externalId),
          },
      );
      return queryClient.invalidateQueries({ queryKey: queryKeys.goals.leadQuality(goalId) });
    },
  });
}

/** Accepts many leads at once (all or nothing); they leave the awaiting list. */
export function useBulkAccept(goalId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (externalIds: string[]) =>
      call(api.v1.leads.feedback.$post({ json: { externalIds, verdict: "accepted" } })),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: queryKeys.goals.leadQuality(goalId) }),
  });
}

/** Withdraws a verdict: the lead's earlier verdict counts again, or it awaits one. */
export function useUndoVerdict(goalId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (feedbackId: string) =>
      call(api.v1["lead-feedback"][":id"].$delete({ param: { id: feedbackId } })),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: queryKeys.goals.leadQuality(goalId) }),
  });
}

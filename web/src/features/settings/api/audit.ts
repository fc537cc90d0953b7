import { infiniteQueryOptions } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, call } from "../../../lib/api";
import { queryKeys } from "../../../lib/query-keys";

export type AuditEntry = InferResponseType<typeof api.v1.audit.$get, 200>["entries"][number];
export type AuditQuery = InferRequestType<typeof api.v1.audit.$get>["query"];
export type AuditKind = NonNullable<AuditQuery["kind"]>;
export type AuditFilters = Pick<AuditQuery, "actor" | "kind" | "from" | "to">;

export const auditKindLabels: Record<AuditKind, string> = {
  check_in: "Check-ins",
  key_result: "Key results",
  goal: "Goals and plans",
  lead_feedback: "Lead verdicts",
  member: "Members",
  team: "Teams",
  api_key: "API keys",
  display: "TV displays",
  ingest: "Data sent in",
  settings: "Other settings",
};

/** The audit log, newest first, a page at a time, for the filters chosen. */
export const auditQuery = (filters: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: [...queryKeys.settings.audit, filters],
    queryFn: ({ pageParam }) =>
      call(
        api.v1.audit.$get({
          query: { limit: "30", ...filters, ...(pageParam ? { cursor: pageParam } : {}) },
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
